package dev.sluice.worker.config;

import dev.sluice.model.Namespace;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings the workers share with the ingress; both must be given the same values.
 *
 * @param namespace prefix of every queue and Redis key, so several stacks can share one broker
 * @param queue the requests queue
 */
@ConfigurationProperties("sluice")
@Validated
public record SluiceProperties(
    @DefaultValue("sluice") @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}") String namespace,
    @DefaultValue @Valid Queue queue) {

  /**
   * The requests queue's arguments. RabbitMQ refuses to redeclare a queue with other arguments, so
   * changing one on a running system means deleting the queue (or using a new namespace).
   *
   * @param maxLength jobs the queue holds before submits are refused with 503
   * @param deliveryLimit deliveries of one job (first plus redeliveries after crashes) before it is
   *     dead-lettered
   */
  public record Queue(
      @DefaultValue("100000") @Min(1) long maxLength,
      @DefaultValue("10") @Min(1) int deliveryLimit) {}

  public Namespace toNamespace() {
    return new Namespace(namespace);
  }
}
