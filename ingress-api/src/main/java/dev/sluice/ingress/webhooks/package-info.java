/** Webhook callbacks: who may be called, signing, delivery through RabbitMQ with retries. */
@NullMarked
package dev.sluice.ingress.webhooks;

import org.jspecify.annotations.NullMarked;
