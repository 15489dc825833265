package dev.sluice.ingress.tickets;

/**
 * Field names of the Redis hash that holds one ticket. One more, {@code watched}, only the Lua
 * scripts touch: {@code watch-ticket.lua} sets it for a long poll, {@code apply-event.lua}
 * announces a final ticket only when it is set.
 */
final class TicketFields {

  static final String ID = "id";
  static final String TYPE = "type";
  static final String CLIENT_ID = "clientId";
  static final String STATUS = "status";
  static final String RANK = "rank";
  static final String ATTEMPTS = "attempts";
  static final String CREATED_AT = "createdAt";
  static final String STARTED_AT = "startedAt";
  static final String COMPLETED_AT = "completedAt";
  static final String WORKER_ID = "workerId";
  static final String RESULT = "result";
  static final String ERROR_CODE = "errorCode";
  static final String ERROR_MESSAGE = "errorMessage";
  static final String CALLBACK_URL = "callbackUrl";
  static final String CALLBACK_STATUS = "callbackStatus";
  static final String CALLBACK_ATTEMPTS = "callbackAttempts";
  static final String CALLBACK_STATUS_CODE = "callbackLastStatusCode";
  static final String CALLBACK_ERROR = "callbackLastError";
  static final String CALLBACK_QUEUED = "callbackQueued";

  private TicketFields() {}
}
