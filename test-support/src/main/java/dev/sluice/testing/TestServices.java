package dev.sluice.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Where the tests' RabbitMQ and Redis are: containers started once per JVM when a Docker engine
 * answers, otherwise the services on 127.0.0.1 that {@code .ci/run} makes sure are up.
 *
 * <p>Set {@code SLUICE_TEST_SERVICES=local} to use the local services even where Docker runs.
 */
public record TestServices(
    String rabbitHost,
    int rabbitPort,
    String rabbitUsername,
    String rabbitPassword,
    String redisHost,
    int redisPort) {

  private static final TestServices INSTANCE = locate();

  public static TestServices get() {
    return INSTANCE;
  }

  /** Spring Boot properties that point an application at these services. */
  public Map<String, String> springProperties() {
    var properties = new LinkedHashMap<String, String>();
    properties.put("spring.rabbitmq.host", rabbitHost);
    properties.put("spring.rabbitmq.port", Integer.toString(rabbitPort));
    properties.put("spring.rabbitmq.username", rabbitUsername);
    properties.put("spring.rabbitmq.password", rabbitPassword);
    properties.put("spring.data.redis.host", redisHost);
    properties.put("spring.data.redis.port", Integer.toString(redisPort));
    return properties;
  }

  private static TestServices locate() {
    boolean forceLocal = "local".equalsIgnoreCase(System.getenv("SLUICE_TEST_SERVICES"));
    if (!forceLocal && dockerAvailable()) {
      return startContainers();
    }
    return new TestServices("127.0.0.1", 5672, "guest", "guest", "127.0.0.1", 6379);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // lives as long as the test JVM; Ryuk removes it afterwards
  private static TestServices startContainers() {
    var rabbit = new RabbitMQContainer("rabbitmq:4-management");
    var redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
    rabbit.start();
    redis.start();
    return new TestServices(
        rabbit.getHost(),
        rabbit.getAmqpPort(),
        rabbit.getAdminUsername(),
        rabbit.getAdminPassword(),
        redis.getHost(),
        redis.getMappedPort(6379));
  }
}
