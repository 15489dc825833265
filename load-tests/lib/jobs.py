#!/usr/bin/env python3
"""Submits N jobs to a running Sluice and measures how long the pool takes to finish them.

Waits until the workers' own meters (sluice_jobs_attempts_seconds_count{outcome="succeeded"})
have counted N more successes, then reads every ticket once (a long poll, so it waits for the
ingress to apply the result), verifies it SUCCEEDED, and times the run from the first ticket's
createdAt to the last one's completedAt (all set on this machine, by the ingress's and the
workers' clocks). Prints one line of key=value pairs.

  jobs.py --url http://127.0.0.1:8080 --key KEY --count 1000 --type simulate \
          --payload '{"sleepMs": 200}' --workers http://127.0.0.1:8101,http://127.0.0.1:8102
"""
import argparse
import concurrent.futures
import datetime
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
import urllib.request

SUCCEEDED = re.compile(
    r'^sluice_jobs_attempts_seconds_count\{[^}]*outcome="succeeded"[^}]*\} ([0-9.eE+]+)$', re.M)


def succeeded(workers):
    """Successes the workers have counted; a worker that does not answer (yet) counts none."""
    total = 0.0
    for worker in workers:
        try:
            with urllib.request.urlopen(worker + "/actuator/prometheus", timeout=5) as response:
                total += sum(float(v) for v in SUCCEEDED.findall(response.read().decode()))
        except OSError:
            pass
    return total


class Client:
    """A keep-alive connection; each thread has its own."""

    def __init__(self, url, key):
        parts = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}

    def request(self, method, path, body=None):
        self.connection.request(method, path, body=body, headers=self.headers)
        response = self.connection.getresponse()
        return response.status, response.getheader("Location"), response.read()


def instant(text):
    """Seconds since the epoch of an ISO-8601 instant such as 2026-11-28T08:42:20.504917612Z."""
    match = re.fullmatch(r"(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z", text)
    whole = datetime.datetime.fromisoformat(match.group(1) + "+00:00").timestamp()
    return whole + float("0." + (match.group(2) or "0"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--type", default="simulate")
    parser.add_argument("--payload", default="{}")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--workers", required=True, help="comma-separated worker base URLs")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    workers = [w for w in args.workers.split(",") if w]
    body = json.dumps({"type": args.type, "payload": json.loads(args.payload)})
    local = threading.local()

    def client():
        if not hasattr(local, "client"):
            local.client = Client(args.url, args.key)
        return local.client

    def submit(_):
        status, location, _body = client().request("POST", "/v1/requests", body)
        return location if status == 202 else None

    def ticket(location):
        # a long poll: answers at once for a final ticket, else when it becomes final (the
        # workers count a success before the ingress has applied it)
        _status, _location, reply = client().request("GET", location + "?wait=30")
        return json.loads(reply)

    def await_successes(before, count, start):
        while succeeded(workers) - before < count:
            if time.monotonic() - start > args.timeout:
                print("timeout: not all jobs finished", file=sys.stderr)
                sys.exit(1)
            time.sleep(0.05)

    def verify(accepted):
        """How many SUCCEEDED, and the seconds from the first createdAt to the last completedAt."""
        with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
            tickets = list(pool.map(ticket, accepted))
        done = [t for t in tickets if t["status"] == "SUCCEEDED"]
        if not done:
            return 0, float("nan")
        first = min(instant(t["createdAt"]) for t in done)
        last = max(instant(t["completedAt"]) for t in done)
        return len(done), last - first

    before = succeeded(workers)
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        locations = list(pool.map(submit, range(args.count)))
    submitted = time.monotonic() - start
    accepted = [l for l in locations if l]
    await_successes(before, len(accepted), start)
    verified, elapsed = verify(accepted)
    print(f"jobs={args.count} accepted={len(accepted)} verified_succeeded={verified} "
          f"submit_seconds={submitted:.2f} seconds={elapsed:.2f} "
          f"jobs_per_second={len(accepted) / elapsed:.0f}")
    sys.exit(0 if verified == len(accepted) == args.count else 1)


if __name__ == "__main__":
    main()
