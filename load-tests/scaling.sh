#!/usr/bin/env bash
# The local stack's scaling run: the same I/O-bound workload (simulate jobs that sleep 200 ms,
# 8 at a time per worker, so 40 jobs/s per worker at best) with 1, 2 and 4 workers, all ready
# before the first submit, behind two ingress replicas and HAProxy. Prints jobs per second from
# the first ticket's creation to the last one's completion, and how the load balancer spread the
# requests (submits and the final reads) over the two replicas.
#
#   load-tests/scaling.sh [JOBS]      (default 800 jobs per run)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh

JOBS=${1:-800}
PORT=${SLUICE_SCALING_PORT:-18080}
export SLUICE_NAMESPACE=scaling-$$
export SLUICE_WORKER_CONCURRENCY=8
trap 'scripts/stack down >/dev/null 2>&1 || true' EXIT

lb_counts() {
  curl -fs "http://127.0.0.1:$((PORT + 4))/metrics" \
    | awk -F'[{},="]+' '/^haproxy_server_http_responses_total\{proxy="ingress"/ {n[$5] += $NF} END {for (s in n) printf "%s=%d ", s, n[s]}'
}

worker_urls() { # worker_urls M
  for j in $(seq 1 "$1"); do printf 'http://127.0.0.1:%d\n' $((PORT + 20 + j)); done | paste -sd,
}

for workers in 1 2 4; do
  scripts/stack down >/dev/null 2>&1 || true
  scripts/stack up --ingress 2 --workers "$workers" --port "$PORT" >/dev/null
  result=$(python3 load-tests/lib/jobs.py --url "http://127.0.0.1:$PORT" \
    --key "$(cat .stack/api-key)" --count "$JOBS" --payload '{"sleepMs": 200}' \
    --workers "$(worker_urls "$workers")")
  echo "workers=$workers $result | lb_responses: $(lb_counts)"
done
