-- wrk script: submits exactly $JOBS jobs of type $JOB_TYPE with payload $JOB_PAYLOAD (defaults:
-- 5000, simulate, {"sleepMs":10}) with the API key from $SLUICE_KEY, then stops. $WRK_THREADS
-- must match wrk's -t. Prints how many were accepted (202) and how many were not.
--   JOBS=5000 WRK_THREADS=2 wrk -t2 -c64 -d300s -s load-tests/submit-jobs.lua http://127.0.0.1:8091
-- Once a thread has sent its share, its connections only ask /actuator/health/liveness, once a
-- second each, so that no more than $JOBS jobs are submitted and the ingress's CPU goes to the
-- jobs' results rather than to answering health checks. wrk runs for its -d whatever happens: stop it with
-- SIGINT once the jobs are done (bench.sh does), and it prints its summary.
local jobs = tonumber(os.getenv("JOBS") or "5000")
local share = math.ceil(jobs / tonumber(os.getenv("WRK_THREADS") or "2"))
local body = string.format('{"type":"%s","payload":%s}',
  os.getenv("JOB_TYPE") or "simulate", os.getenv("JOB_PAYLOAD") or '{"sleepMs":10}')
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent, accepted, refused = 0, 0, 0
  -- built here, once wrk knows the host
  submit = wrk.format("POST", "/v1/requests", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. (os.getenv("SLUICE_KEY") or ""),
  }, body)
  idle = wrk.format("GET", "/actuator/health/liveness")
end

function request()
  if sent < share then
    sent = sent + 1
    return submit
  end
  return idle
end

function delay()
  if sent < share then
    return 0
  end
  return 1000
end

function response(status, headers, body)
  if headers["Location"] then
    accepted = accepted + 1
  elseif status ~= 200 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    r = r + thread:get("refused")
  end
  io.write(string.format("accepted=%d refused=%d\n", a, r))
end
