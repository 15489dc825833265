/** Jobs that could not be processed: archived from the dead queue, with their tickets failed. */
@NullMarked
package dev.sluice.ingress.deadletters;

import org.jspecify.annotations.NullMarked;
