#!/usr/bin/env bash
# Sluice's benchmark: brings up an ingress and workers (scripts/stack) against the local RabbitMQ
# and Redis, runs a fixed set of measurements, tears everything down, and prints one line per
# figure:
#   1. broker limit: RabbitMQ PerfTest on the same broker, 300-byte persistent messages to a
#      quorum queue, publisher confirms (64 outstanding), 20 s: the ceiling the rest is a ratio of
#      and its round-trip limit: the same with a consumer acking every message, which is what a job
#      costs the broker twice (its request, its result): half of it is the end-to-end ceiling
#   2. accept: POST /v1/requests, wrk 2 threads x 64 connections x 20 s, no workers consuming,
#      straight at the ingress (no load balancer), once the ingress is warm: after 10 s windows of
#      the same load until one's rate is within 5 % of the one before (at least 3, at most 12; on two
#      cores shared with the broker the JIT takes 40-90 s), whose rates are printed too
#      and then a burst: 256 connections for 10 s, then the 64 again for 20 s, with the ingress's
#      full collections in each (a heap too small for what the burst leaves behind shows there);
#      beyond the stack ingress's 100 requests in progress the burst gets 503 busy, counted apart
#   3. end-to-end: 5,000 simulate jobs of 10 ms with 2 workers, from the first submit until the
#      ingress has made every ticket final (its sluice.tickets.finished, read four times a second),
#      each ticket then verified SUCCEEDED in Redis
#   4. worker scaling: the same with 1, 2 and 4 workers, added one after the other to the running
#      stack; the ingress stays up from step 2 (warm, as a long-lived replica is)
#   5. memory: resident size of the ingress and of the workers, idle and after the runs, and what
#      the three occupy together (proportional set sizes summed: shared pages counted once); and how
#      many full collections each JVM has made by then
#   6. start-up: seconds from starting the ingress, and the first worker, until each reports
#      itself ready, each started alone (the ingress first, then the worker beside the idle
#      ingress); with SLUICE_AOT_CACHE=true, from the AOT cache the stack then trains, as the
#      images do (it also adds to step 5's resident sizes)
# Every run uses a namespace of its own (bench-<pid>), deleted at the end.
#
#   load-tests/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh

PORT=${SLUICE_BENCH_PORT:-28080}
INGRESS="http://127.0.0.1:$((PORT + 11))"
NS=bench-$$
JOBS=${SLUICE_BENCH_JOBS:-5000}
export SLUICE_NAMESPACE=$NS SLUICE_QUEUE_MAXLENGTH=5000000

cleanup() {
  scripts/stack down >/dev/null 2>&1 || true
  for queue in $(rabbitmqctl list_queues -q name 2>/dev/null | grep "^$NS\."); do
    rabbitmqctl delete_queue "$queue" >/dev/null 2>&1 || true
  done
  redis-cli --scan --pattern "$NS:*" | xargs -r -n 500 redis-cli del >/dev/null
  redis-cli --scan --pattern "{$NS:*" | xargs -r -n 500 redis-cli del >/dev/null
}
trap cleanup EXIT

ensure_rabbitmq
ensure_redis
command -v wrk >/dev/null || apt_install wrk
if [ ! -f ingress-api/target/ingress-api.jar ] || [ ! -f worker/target/worker.jar ]; then
  ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true
fi
mkdir -p .stack
./mvnw -B -q -f load-tests/perf-test.pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$PWD/.stack/perf-test.classpath" >/dev/null

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
  "RabbitMQ $(rabbitmqctl version 2>/dev/null), Redis $(redis-server --version | grep -o 'v=[0-9.]*' | cut -c3-), $(java -version 2>&1 | head -1)"

# --- 1. broker limit -------------------------------------------------------------------------
broker=$(java -Xmx256m -cp "$(cat .stack/perf-test.classpath)" com.rabbitmq.perf.PerfTest \
  -x 1 -y 0 -c 64 -s 300 -f persistent -qa x-queue-type=quorum -ad false -u "$NS.perftest" -z 20 \
  2>&1 | awk '/sending rate avg/ {print $(NF-1)}')
rabbitmqctl delete_queue "$NS.perftest" >/dev/null 2>&1 || true
echo "broker_limit msgs_per_s=$broker (PerfTest 2.22.1: 1 producer, 300 B persistent, quorum queue, confirms, 64 outstanding)"
roundtrip=$(java -Xmx256m -cp "$(cat .stack/perf-test.classpath)" com.rabbitmq.perf.PerfTest \
  -x 1 -y 1 -q 100 -c 64 -s 300 -f persistent -qa x-queue-type=quorum -ad false -u "$NS.perftest" -z 20 \
  2>&1 | awk '/receiving rate avg/ {print $(NF-1)}')
rabbitmqctl delete_queue "$NS.perftest" >/dev/null 2>&1 || true
echo "broker_roundtrip_limit msgs_per_s=$roundtrip (the same, with 1 consumer, prefetch 100, acking each message; a job is two such messages)"

# --- 2. accept --------------------------------------------------------------------------------
rss() { ps -o rss= -p "$(cat ".stack/$1.pid")" | awk '{printf "%d", $1 / 1024}'; }
# proportional set size: a page the processes share (the JVM's library, the JDK's class archive)
# counts in each as a share, so the sum over processes counts it once
pss() { awk '/^Pss:/ {printf "%d", $2 / 1024}' "/proc/$(cat ".stack/$1.pid")/smaps_rollup"; }
# full collections since the process started: a heap too small for its live data shows here first
full_gcs() {
  jstat -gc "$(cat ".stack/$1.pid")" |
    awk 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "FGC") c = i} NR == 2 {print $c}'
}
# one counter's series, summed; the filter keeps the scrape cheap (a full one renders every histogram)
metric() {
  curl -s "$1/actuator/prometheus?includedNames=${2%_total}" |
    awk -v m="$2" '$0 ~ "^"m {s+=$NF} END {printf "%d", s}'
}

# ready_after NAME: the start-up time 'scripts/stack up' printed for one of its processes
ready_after() { awk -v n="$1" '$1 == n && $2 == "ready" {print $3}'; }
ingress_startup=$(scripts/stack up --ingress 1 --workers 0 --port "$PORT" | ready_after ingress-1)
export SLUICE_KEY
SLUICE_KEY=$(cat .stack/api-key)
ingress_idle=$(rss ingress-1)
# warm-up: 10 s windows until the rate settles
accept_rate() { wrk -t2 -c64 -d"$1" -s load-tests/submit-echo.lua "$INGRESS" | awk '/Requests\/sec/ {printf "%d", $2}'; }
warmup_rates="" previous=0
for window in $(seq 1 12); do
  current=$(accept_rate 10s)
  rabbitmqctl purge_queue "$NS.requests" >/dev/null
  warmup_rates="$warmup_rates${warmup_rates:+,}$current"
  [ "$window" -ge 3 ] && awk -v a="$current" -v b="$previous" 'BEGIN {exit !(a <= 1.05 * b && a >= 0.95 * b)}' && break
  previous=$current
done
echo "accept_warmup seconds=$((window * 10)) requests_per_s=$warmup_rates (10 s windows until one is within 5 % of the one before)"
# accept_run CONNECTIONS SECONDS: the accept load; sets rate (answers a second), accepted (202s a
# second), p50, p99, refused (answers other than 2xx: 503 once the ingress has max-in-flight
# requests in progress), socket_errors, and errors (both) from wrk's summary
accept_run() {
  local out
  out=$(wrk -t2 -c"$1" -d"$2"s --latency -s load-tests/submit-echo.lua "$INGRESS")
  rabbitmqctl purge_queue "$NS.requests" >/dev/null
  rate=$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  refused=$(echo "$out" | awk '/Non-2xx/ {n += $NF} END {printf "%d", n}')
  socket_errors=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {printf "%d", n}')
  errors=$((refused + socket_errors))
  accepted=$(echo "$out" | awk -v r="$refused" -v d="$2" '/requests in/ {printf "%d", ($1 - r) / d}')
}
accept_run 64 20
echo "accept requests_per_s=$rate p50=$p50 p99=$p99 errors=$errors of_broker_limit=$(awk -v a="$rate" -v b="$broker" 'BEGIN {printf "%.0f%%", 100 * a / b}') (wrk -t2 -c64 -d20s, after the warm-up)"

# --- 2b. burst: four times the connections, then the accept load again ---------------------------
gcs0=$(full_gcs ingress-1)
accept_run 256 10
burst="answers_per_s=$rate accepted_per_s=$accepted refused=$refused p99=$p99 socket_errors=$socket_errors full_gcs=$(($(full_gcs ingress-1) - gcs0))"
gcs0=$(full_gcs ingress-1)
accept_run 64 20
echo "burst connections=256 $burst; then 64 connections: requests_per_s=$rate p99=$p99 errors=$errors full_gcs=$(($(full_gcs ingress-1) - gcs0)) (wrk, 10 s, then 20 s; refused: 503 busy beyond the stack ingress's 100 requests in progress; full collections of the ingress in each)"

# --- 3 and 4. end-to-end and worker scaling ---------------------------------------------------
# submits the ingress has answered, and tickets a worker's event has made final, by its meters
answered() { echo $(($(metric "$INGRESS" sluice_requests_accepted_total) + $(metric "$INGRESS" sluice_requests_rejected_total))); }
finished() { metric "$INGRESS" sluice_tickets_finished_total; }

# e2e: submits $JOBS jobs with wrk and waits until the ingress has made all their tickets final
e2e() {
  local f0 a0 n0 start end last n accepted
  f0=$(finished); a0=$(metric "$INGRESS" sluice_requests_accepted_total); n0=$(answered)
  start=$(date +%s.%N)
  JOBS=$JOBS WRK_THREADS=2 nohup wrk -t2 -c64 -d600s -s load-tests/submit-jobs.lua "$INGRESS" \
    >.stack/bench-wrk.log 2>&1 </dev/null &
  # wrk may send a submit fewer per thread than asked: wait until the answers stop growing
  last=-1
  while :; do
    n=$(($(answered) - n0))
    [ "$n" -ge $((JOBS - 2)) ] && [ "$n" -eq "$last" ] && break
    last=$n
    sleep 0.5
  done
  accepted=$(($(metric "$INGRESS" sluice_requests_accepted_total) - a0))
  # each look costs the ingress a request: four a second end the run at most 0.25 s late
  while [ $(($(finished) - f0)) -lt "$accepted" ]; do sleep 0.25; done
  end=$(date +%s.%N)
  pkill -INT -f "wrk -t2 -c64 -d600s" || true
  wait 2>/dev/null || true
  awk -v n="$accepted" -v s="$start" -v e="$end" -v r="$roundtrip" \
    'BEGIN {printf "jobs=%d seconds=%.2f jobs_per_s=%d of_broker_ceiling=%.0f%%", n, e - s, n / (e - s), 200 * n / (e - s) / r}'
}

# counts the namespace's simulate tickets by status, in Redis
statuses() {
  redis-cli --raw eval "
    local counts, cursor = {}, '0'
    repeat
      local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
      cursor = page[1]
      for _, key in ipairs(page[2]) do
        local t = redis.call('HMGET', key, 'type', 'status')
        if t[1] == 'simulate' then counts[t[2]] = (counts[t[2]] or 0) + 1 end
      end
    until cursor == '0'
    local out = {}
    for status, n in pairs(counts) do table.insert(out, status .. '=' .. n) end
    return out" 0 "$NS:ticket:*" | sort | paste -sd' '
}

# The ingress keeps running from the accept runs, warm, as a long-lived replica would be; the
# stack only gains workers (1, then 2, then 4), each new one warmed up with the others.
worker_idle=""
for workers in 1 2 4; do
  up=$(scripts/stack up --ingress 1 --workers "$workers" --port "$PORT")
  [ "$workers" = 1 ] && worker_startup=$(echo "$up" | ready_after worker-1)
  [ "$workers" -le 2 ] && worker_idle="$worker_idle${worker_idle:++}$(rss "worker-$workers")"
  # warm-up: with C1-only workers and the ingress's C2 sharing two cores, the rate still climbs
  # through the first ten thousand jobs
  JOBS=5000 e2e >/dev/null
  JOBS=5000 e2e >/dev/null
  result=$(e2e)
  if [ "$workers" = 2 ]; then
    echo "end_to_end workers=2 $result (5,000 simulate jobs of 10 ms, submitted by wrk at 64 connections)"
    ri=$(rss ingress-1) r1=$(rss worker-1) r2=$(rss worker-2)
    memory_after="ingress=$ri workers=$r1+$r2"
    full_gcs_after="ingress=$(full_gcs ingress-1) workers=$(full_gcs worker-1)+$(full_gcs worker-2)"
    # WireMock, the stack's demo upstream, is a JVM too and would hold a share of the pages the three
    # share: stopped first (the next 'stack up' starts it again), so that the PSS sum is what the
    # three occupy together
    wiremock=$(cat .stack/wiremock.pid)
    kill "$wiremock" 2>/dev/null || true
    while kill -0 "$wiremock" 2>/dev/null; do sleep 0.2; done
    memory_together="rss=$((ri + r1 + r2)) pss=$(($(pss ingress-1) + $(pss worker-1) + $(pss worker-2)))"
  fi
  echo "worker_scaling workers=$workers $result; $(statuses)"
done
# messages on the namespace's queues, ready or unacknowledged
left() {
  rabbitmqctl list_queues -q name messages |
    awk -v ns="$NS." 'index($1, ns) == 1 && $2 > 0 {printf "%s=%s ", substr($1, length(ns) + 1), $2}'
}
# acknowledgements still in flight and late RUNNING events settle within seconds
for _ in $(seq 1 20); do [ -z "$(left)" ] && break; sleep 1; done
echo "verified tickets: $(statuses) (every simulate job of the runs, warm-ups included);" \
  "left on the queues after settling: $(left=$(left); echo "${left:-none}")"

# --- 5. memory --------------------------------------------------------------------------------
echo "memory_mb idle: ingress=$ingress_idle workers=$worker_idle; after the runs: $memory_after (resident set size)"
echo "full_gcs after the 2-worker runs: $full_gcs_after (since each process started, start-up included)"
echo "memory_mb together after the runs: $memory_together (sum of resident set sizes, which counts shared pages once per process; sum of proportional set sizes, which counts them once)"

# --- 6. start-up ------------------------------------------------------------------------------
echo "startup_s ingress=$ingress_startup worker=$worker_startup (process start to ready, each started alone;" \
  "AOT cache: ${SLUICE_AOT_CACHE:-false})"
