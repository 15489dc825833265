/** Errors as RFC 9457 problem details with a stable type per error. */
@NullMarked
package dev.sluice.ingress.problems;

import org.jspecify.annotations.NullMarked;
