package dev.sluice.worker.upstreams;

import java.io.IOException;

/** The upstream sent a body over its configured limit. */
class ResponseTooLargeException extends IOException {

  ResponseTooLargeException(long limit) {
    super("the response body is larger than " + limit + " bytes");
  }
}
