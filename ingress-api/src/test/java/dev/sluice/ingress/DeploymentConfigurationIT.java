package dev.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingress.auth.AuthProperties;
import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.config.SluiceProperties;
import dev.sluice.ingress.webhooks.WebhookProperties;
import dev.sluice.support.upstreams.UpstreamsProperties;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import dev.sluice.testing.deploy.DeploymentFiles;
import dev.sluice.testing.deploy.Endpoint;
import dev.sluice.testing.deploy.PropertyBinding;
import dev.sluice.testing.deploy.PropertyBinding.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deployment files (docker compose, Kubernetes, HAProxy, Prometheus) against the ingress as it
 * is: every environment variable they give it is a real property with a valid value, and every port
 * and path they probe or scrape answers on a running ingress.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeploymentConfigurationIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("deployment");
  private static final DeploymentFiles FILES = DeploymentFiles.ofThisRepository();

  private static final List<Group> PROPERTIES =
      List.of(
          new Group(List.of("sluice.namespace", "sluice.queue"), "sluice", SluiceProperties.class),
          Group.of("sluice.ingress", IngressProperties.class),
          new Group(List.of("sluice.upstreams"), "sluice", UpstreamsProperties.class),
          Group.of("sluice.auth", AuthProperties.class),
          Group.of("sluice.webhooks", WebhookProperties.class),
          Group.of("spring.rabbitmq", RabbitProperties.class),
          Group.of("spring.data.redis", DataRedisProperties.class),
          Group.of("server", ServerProperties.class));

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    listeners.stop();
    NAMESPACE.delete(TestServices.get());
  }

  @LocalServerPort int port;

  @Test
  void everyVariableComposeGivesTheIngressIsARealProperty() {
    Map<String, String> env = FILES.composeEnvironment("ingress-api");

    assertThat(PropertyBinding.problems(env, PROPERTIES)).isEmpty();
    assertThat(env).containsKeys("SLUICE_AUTH_CLIENTS_DEV_KEYSHA256", "SLUICE_WEBHOOKS_SECRET");
  }

  @Test
  void everyVariableKubernetesGivesTheIngressIsARealProperty() {
    Map<String, String> env = FILES.kubernetesEnvironment("ingress-api");

    assertThat(PropertyBinding.problems(env, PROPERTIES)).isEmpty();
  }

  @Test
  void everyPortAndPathComposeKubernetesAndPrometheusProbeAnswers() {
    String composePort = FILES.composeEnvironment("ingress-api").get("SERVER_PORT");
    String kubernetesPort = FILES.kubernetesEnvironment("ingress-api").get("SERVER_PORT");

    assertServes(FILES.composeHealthCheck("ingress-api"), composePort);
    assertServes(FILES.prometheusScrape("ingress"), composePort);
    FILES.kubernetesProbes("ingress-api").forEach(probe -> assertServes(probe, kubernetesPort));
  }

  @Test
  void theLoadBalancerChecksAPathThatAnswersOnTheConfiguredPort() throws IOException {
    String haproxy = Files.readString(FILES.root().resolve("deploy/haproxy/haproxy.cfg"));
    Matcher check = Pattern.compile("option httpchk GET (\\S+)").matcher(haproxy);
    String servers = Files.readString(FILES.root().resolve("deploy/haproxy/ingress-docker.cfg"));

    assertThat(check.find()).isTrue();
    assertServes(
        new Endpoint(
            "haproxy check",
            FILES.composeEnvironment("ingress-api").get("SERVER_PORT"),
            check.group(1)),
        FILES.composeEnvironment("ingress-api").get("SERVER_PORT"));
    assertThat(servers)
        .contains("ingress-api:" + FILES.composeEnvironment("ingress-api").get("SERVER_PORT"));
  }

  /** The endpoint is on the port the application is given, and answers 200 there. */
  private void assertServes(Endpoint endpoint, String configuredPort) {
    assertThat(endpoint.port()).as(endpoint.what()).isEqualTo(configuredPort);
    var reply = SluiceApi.onPort(port).get(endpoint.path());
    assertThat(reply.status()).as(endpoint + " " + reply).isEqualTo(200);
  }
}
