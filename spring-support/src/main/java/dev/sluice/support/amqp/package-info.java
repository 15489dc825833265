/** Publishing to RabbitMQ with publisher confirms, shared by the ingress and the workers. */
@NullMarked
package dev.sluice.support.amqp;

import org.jspecify.annotations.NullMarked;
