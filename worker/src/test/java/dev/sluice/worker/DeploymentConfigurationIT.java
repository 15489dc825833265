package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.model.Namespace;
import dev.sluice.support.upstreams.UpstreamsProperties;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import dev.sluice.testing.deploy.DeploymentFiles;
import dev.sluice.testing.deploy.Endpoint;
import dev.sluice.testing.deploy.PropertyBinding;
import dev.sluice.testing.deploy.PropertyBinding.Group;
import dev.sluice.testing.deploy.Yamls;
import dev.sluice.worker.config.SluiceProperties;
import dev.sluice.worker.config.WorkerProperties;
import dev.sluice.worker.management.ManagementServer;
import dev.sluice.worker.management.ManagementServerProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deployment files against the worker as it is: every environment variable they give it is a
 * real property with a valid value, every port and path they probe or scrape answers on a running
 * worker, and KEDA scales on the queue the workers consume.
 */
@DirtiesContext
@SpringBootTest(properties = "server.port=0")
class DeploymentConfigurationIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("deployment-worker");
  private static final DeploymentFiles FILES = DeploymentFiles.ofThisRepository();

  private static final List<Group> PROPERTIES =
      List.of(
          new Group(List.of("sluice.namespace", "sluice.queue"), "sluice", SluiceProperties.class),
          Group.of("sluice.worker", WorkerProperties.class),
          new Group(List.of("sluice.upstreams"), "sluice", UpstreamsProperties.class),
          Group.of("spring.rabbitmq", RabbitProperties.class),
          Group.of("spring.data.redis", DataRedisProperties.class),
          Group.of("server", ManagementServerProperties.class));

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    TestServices.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("sluice.namespace", NAMESPACE::value);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    listeners.stop();
    NAMESPACE.delete(TestServices.get());
  }

  @Autowired ManagementServer managementServer;

  @Test
  void everyVariableComposeGivesTheWorkerIsARealProperty() {
    assertThat(PropertyBinding.problems(FILES.composeEnvironment("worker"), PROPERTIES)).isEmpty();
  }

  @Test
  void everyVariableKubernetesGivesTheWorkerIsARealProperty() {
    assertThat(PropertyBinding.problems(FILES.kubernetesEnvironment("worker"), PROPERTIES))
        .isEmpty();
  }

  @Test
  void kedaScalesOnTheQueueTheWorkersConsume() {
    Map<String, Object> scaledObject = FILES.kubernetes("ScaledObject", "worker");
    var trigger = ((List<?>) Yamls.at(scaledObject, "spec", "triggers")).getFirst();
    String namespace = FILES.kubernetesEnvironment("worker").get("SLUICE_NAMESPACE");

    assertThat(Yamls.at((Map<?, ?>) trigger, "type")).isEqualTo("rabbitmq");
    assertThat(Yamls.at((Map<?, ?>) trigger, "metadata", "queueName"))
        .isEqualTo(new Namespace(namespace).requestsQueue());
    assertThat(Yamls.at(scaledObject, "spec", "scaleTargetRef", "name")).isEqualTo("worker");
    assertThat(Yamls.at(scaledObject, "spec", "minReplicaCount")).isEqualTo(0);
    String secret =
        (String)
            Yamls.at(
                (Map<?, ?>)
                    ((List<?>)
                            Yamls.at(
                                FILES.kubernetes("TriggerAuthentication", "sluice-rabbitmq"),
                                "spec",
                                "secretTargetRef"))
                        .getFirst(),
                "name");
    assertThat(FILES.kubernetes("Secret", secret)).isNotNull();
  }

  @Test
  void everyPortAndPathComposeKubernetesAndPrometheusProbeAnswers() {
    String composePort = FILES.composeEnvironment("worker").get("SERVER_PORT");
    String kubernetesPort = FILES.kubernetesEnvironment("worker").get("SERVER_PORT");

    assertServes(FILES.composeHealthCheck("worker"), composePort);
    assertServes(FILES.prometheusScrape("worker"), composePort);
    FILES.kubernetesProbes("worker").forEach(probe -> assertServes(probe, kubernetesPort));
  }

  /** The endpoint is on the port the application is given, and answers 200 there. */
  private void assertServes(Endpoint endpoint, String configuredPort) {
    assertThat(endpoint.port()).as(endpoint.what()).isEqualTo(configuredPort);
    var reply = SluiceApi.onPort(managementServer.port()).get(endpoint.path());
    assertThat(reply.status()).as(endpoint + " " + reply).isEqualTo(200);
  }
}
