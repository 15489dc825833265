-- wrk script: POST one small echo job per request.
wrk.method = "POST"
wrk.path = "/v1/requests"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"echo","payload":{"hello":"world"}}'
