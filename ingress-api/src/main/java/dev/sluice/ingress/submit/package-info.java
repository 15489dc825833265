/** Accepting work: POST /v1/requests, admission, publishing to the requests queue. */
@NullMarked
package dev.sluice.ingress.submit;

import org.jspecify.annotations.NullMarked;
