/** Reading tickets: GET /v1/requests/{id} and the Redis ticket store. */
@NullMarked
package dev.sluice.ingress.tickets;

import org.jspecify.annotations.NullMarked;
