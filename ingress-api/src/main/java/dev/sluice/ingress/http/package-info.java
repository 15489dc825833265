/** How the ingress's HTTP answers go out on the wire. */
@NullMarked
package dev.sluice.ingress.http;

import org.jspecify.annotations.NullMarked;
