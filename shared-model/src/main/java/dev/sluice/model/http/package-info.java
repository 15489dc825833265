/**
 * The payload of {@code http} jobs: a call to a named upstream, checked the same way at submit (in
 * the ingress) and before it is sent (in the worker), so that a client can never point a worker
 * anywhere but under a configured base URL.
 */
@NullMarked
package dev.sluice.model.http;

import org.jspecify.annotations.NullMarked;
