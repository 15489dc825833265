/** Spring infrastructure that the ingress and the workers share. */
@NullMarked
package dev.sluice.support;

import org.jspecify.annotations.NullMarked;
