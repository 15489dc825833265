/** Taking jobs off the requests queue and running their handler, one attempt at a time. */
@NullMarked
package dev.sluice.worker.processing;

import org.jspecify.annotations.NullMarked;
