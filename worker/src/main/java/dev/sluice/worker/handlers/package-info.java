/** The handler SPI and the built-in handlers. */
@NullMarked
package dev.sluice.worker.handlers;

import org.jspecify.annotations.NullMarked;
