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
import dev.sluice.testing.deploy.PropertyBinding;
import dev.sluice.testing.deploy.PropertyBinding.Group;
import dev.sluice.testing.deploy.Yamls;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
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
  private static final Pattern URL_PATH = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)");

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
  void theHealthCheckOfComposeAsksAPathThatAnswersOnTheConfiguredPort() {
    String command = String.join(" ", healthCheck(FILES.composeService("ingress-api")));
    Matcher url = URL_PATH.matcher(command);

    assertThat(url.find()).as(command).isTrue();
    assertThat(url.group(1)).isEqualTo(FILES.composeEnvironment("ingress-api").get("SERVER_PORT"));
    assertAnswers(url.group(2));
  }

  @Test
  void theProbesOfKubernetesAskPathsThatAnswerOnTheContainerPort() {
    Map<String, Object> container = FILES.container("ingress-api");
    Object containerPort = Yamls.at(firstPort(container), "containerPort");

    assertThat(String.valueOf(containerPort))
        .isEqualTo(FILES.kubernetesEnvironment("ingress-api").get("SERVER_PORT"));
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertAnswers((String) Yamls.at(container, probe, "httpGet", "path"));
    }
    var annotations =
        (Map<?, ?>)
            Yamls.at(
                FILES.kubernetes("Deployment", "ingress-api"),
                "spec",
                "template",
                "metadata",
                "annotations");
    assertThat(String.valueOf(annotations.get("prometheus.io/port")))
        .isEqualTo(containerPort.toString());
    assertAnswers((String) annotations.get("prometheus.io/path"));
  }

  @Test
  void theLoadBalancerChecksAndPrometheusScrapesPathsThatAnswer() throws IOException {
    String haproxy = Files.readString(FILES.root().resolve("deploy/haproxy/haproxy.cfg"));
    Matcher check = Pattern.compile("option httpchk GET (\\S+)").matcher(haproxy);
    assertThat(check.find()).isTrue();
    assertAnswers(check.group(1));
    String servers = Files.readString(FILES.root().resolve("deploy/haproxy/ingress-docker.cfg"));
    assertThat(servers)
        .contains("ingress-api:" + FILES.composeEnvironment("ingress-api").get("SERVER_PORT"));

    String prometheus = Files.readString(FILES.root().resolve("deploy/prometheus/prometheus.yml"));
    Matcher job =
        Pattern.compile("job_name: ingress\\s+metrics_path: (\\S+)[\\s\\S]*?port: (\\d+)")
            .matcher(prometheus);
    assertThat(job.find()).isTrue();
    assertThat(job.group(2)).isEqualTo(FILES.composeEnvironment("ingress-api").get("SERVER_PORT"));
    assertAnswers(job.group(1));
  }

  private void assertAnswers(String path) {
    var reply = SluiceApi.onPort(port).get(path);
    assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static List<String> healthCheck(Map<String, Object> service) {
    return new ArrayList<>((List<String>) Yamls.at(service, "healthcheck", "test"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstPort(Map<String, Object> container) {
    return ((List<Map<String, Object>>) container.get("ports")).getFirst();
  }
}
