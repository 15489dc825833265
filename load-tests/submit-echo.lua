-- wrk script: POST one small echo job per request, with the API key from $SLUICE_KEY.
wrk.method = "POST"
wrk.path = "/v1/requests"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("SLUICE_KEY") or "")
wrk.body = '{"type":"echo","payload":{"hello":"world"}}'
