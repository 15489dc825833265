/** Sending to RabbitMQ with publisher confirms, and knowing when the broker refuses publishers. */
@NullMarked
package dev.sluice.ingress.broker;

import org.jspecify.annotations.NullMarked;
