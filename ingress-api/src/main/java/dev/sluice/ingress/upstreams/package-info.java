/** What the ingress knows of the upstreams: enough to refuse bad {@code http} jobs at submit. */
@NullMarked
package dev.sluice.ingress.upstreams;

import org.jspecify.annotations.NullMarked;
