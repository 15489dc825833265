/** Taking a request back: DELETE /v1/requests/{id}. */
@NullMarked
package dev.sluice.ingress.cancel;

import org.jspecify.annotations.NullMarked;
