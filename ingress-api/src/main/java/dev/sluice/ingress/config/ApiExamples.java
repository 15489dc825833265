package dev.sluice.ingress.config;

/** Example bodies for the OpenAPI document, one per answer the API gives. */
public final class ApiExamples {

  public static final String SUBMIT_ECHO =
      """
      {"type": "echo", "payload": {"hello": "world"}}""";
  public static final String SUBMIT_SIMULATE =
      """
      {"type": "simulate", "payload": {"sleepMs": 200, "cpuMs": 5, "failAttempts": 0}}""";
  public static final String ACCEPTED =
      """
      {"id": "019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d", "status": "QUEUED",
       "statusUrl": "/v1/requests/019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d",
       "createdAt": "2026-11-28T06:00:00.123Z"}""";
  public static final String QUEUED =
      """
      {"id": "019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d", "type": "echo", "status": "QUEUED",
       "attempts": 0, "createdAt": "2026-11-28T06:00:00.123Z", "startedAt": null,
       "completedAt": null, "workerId": null}""";
  public static final String SUCCEEDED =
      """
      {"id": "019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d", "type": "echo", "status": "SUCCEEDED",
       "attempts": 1, "createdAt": "2026-11-28T06:00:00.123Z",
       "startedAt": "2026-11-28T06:00:00.131Z", "completedAt": "2026-11-28T06:00:00.133Z",
       "workerId": "worker-1@host", "result": {"hello": "world"}}""";
  public static final String FAILED =
      """
      {"id": "019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d", "type": "simulate", "status": "FAILED",
       "attempts": 1, "createdAt": "2026-11-28T06:00:00.123Z",
       "startedAt": "2026-11-28T06:00:00.131Z", "completedAt": "2026-11-28T06:00:00.140Z",
       "workerId": "worker-1@host",
       "error": {"code": "handler-error", "message": "simulated failure of attempt 1"}}""";
  public static final String INVALID_REQUEST =
      """
      {"type": "https://sluice.dev/problems/invalid-request", "title": "The request is not valid", "status": 400,
       "detail": "Field 'type' is required.", "instance": "/v1/requests"}""";
  public static final String UNKNOWN_JOB_TYPE =
      """
      {"type": "https://sluice.dev/problems/unknown-job-type", "title": "Unknown job type", "status": 400,
       "detail": "Job type 'resize' is not known here. Known types: [echo, http, simulate].", "instance": "/v1/requests"}""";
  public static final String INVALID_PAYLOAD =
      """
      {"type": "https://sluice.dev/problems/invalid-payload", "title": "The payload is not valid for its type", "status": 400,
       "detail": "'path' must not contain '.' or '..' segments.", "instance": "/v1/requests"}""";
  public static final String UNKNOWN_UPSTREAM =
      """
      {"type": "https://sluice.dev/problems/unknown-upstream", "title": "Unknown upstream", "status": 400,
       "detail": "Upstream 'billing' is not configured. Known upstreams: [orders].", "instance": "/v1/requests"}""";
  public static final String SUBMIT_HTTP =
      """
      {"type": "http", "payload": {"upstream": "orders", "method": "POST", "path": "/orders?source=web",
       "headers": {"X-Trace": "abc"}, "body": {"item": 42, "quantity": 1}}}""";
  public static final String NOT_FOUND =
      """
      {"type": "https://sluice.dev/problems/not-found", "title": "Not found", "status": 404,
       "detail": "No request with id '42'.", "instance": "/v1/requests"}""";
  public static final String IDEMPOTENCY_KEY_REUSED =
      """
      {"type": "https://sluice.dev/problems/idempotency-key-reused", "title": "Idempotency key used with a different request", "status": 422,
       "detail": "Idempotency key 'order-42' was used with a different request.", "instance": "/v1/requests"}""";
  public static final String IDEMPOTENCY_CONFLICT =
      """
      {"type": "https://sluice.dev/problems/idempotency-conflict", "title": "Request with this idempotency key unsettled", "status": 409,
       "detail": "The request first sent with this key is not settled; try again.", "instance": "/v1/requests"}""";
  public static final String DEAD_LETTERS =
      """
      {"items": [{"id": "019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d", "type": "simulate", "reason": "exhausted",
                  "attempts": 5, "deadAt": "2026-11-28T06:10:00Z",
                  "error": {"code": "handler-error", "message": "simulated failure of attempt 5"}}],
       "total": 1, "offset": 0, "limit": 50}""";
  public static final String PAYLOAD_TOO_LARGE =
      """
      {"type": "https://sluice.dev/problems/payload-too-large", "title": "Request body too large", "status": 413,
       "detail": "Request body is larger than 262144 bytes.", "instance": "/v1/requests"}""";
  public static final String UNSUPPORTED_MEDIA_TYPE =
      """
      {"type": "https://sluice.dev/problems/unsupported-media-type", "title": "Unsupported media type", "status": 415,
       "detail": "Content-Type 'text/plain' is not supported.", "instance": "/v1/requests"}""";
  public static final String QUEUE_FULL =
      """
      {"type": "https://sluice.dev/problems/queue-full", "title": "Sluice is at capacity", "status": 503,
       "detail": "The queue is full; try again later.", "instance": "/v1/requests"}""";
  public static final String BUSY =
      """
      {"type": "https://sluice.dev/problems/busy", "title": "Too many requests in progress", "status": 503,
       "detail": "1000 requests are in progress here; try again later.", "instance": "/v1/requests"}""";
  public static final String BROKER_UNAVAILABLE =
      """
      {"type": "https://sluice.dev/problems/broker-unavailable", "title": "The message broker is unavailable", "status": 503,
       "detail": "Could not reach the message broker.", "instance": "/v1/requests"}""";
  public static final String STORE_UNAVAILABLE =
      """
      {"type": "https://sluice.dev/problems/store-unavailable", "title": "The ticket store is unavailable", "status": 503,
       "detail": "The ticket store did not answer; try again later.", "instance": "/v1/requests"}""";

  private ApiExamples() {}
}
