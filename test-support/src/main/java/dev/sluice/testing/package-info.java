/** Real RabbitMQ and Redis for tests, and a fresh namespace per test class. */
@NullMarked
package dev.sluice.testing;

import org.jspecify.annotations.NullMarked;
