package dev.sluice.ingress.results;

import static org.awaitility.Awaitility.await;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.model.Namespace;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ingress consumes the results queue with as many consumers as the README says. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ResultConsumersIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("resultconsumers");

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    listeners.stop();
    NAMESPACE.delete(TestServices.get());
  }

  @Autowired AmqpAdmin admin;
  @Autowired Namespace namespace;

  @Test
  void resultsQueueHasSixteenConsumersByDefault() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> admin.getQueueInfo(namespace.resultsQueue()).getConsumerCount(),
            count -> count == 16);
  }
}
