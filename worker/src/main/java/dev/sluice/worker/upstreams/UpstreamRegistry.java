package dev.sluice.worker.upstreams;

import dev.sluice.model.Namespace;
import dev.sluice.support.RedisBuckets;
import dev.sluice.support.upstreams.UpstreamsProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The configured upstreams, each with its client, limits, throttle and breaker. */
@Component
class UpstreamRegistry implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(UpstreamRegistry.class);

  private final Map<String, Upstream> upstreams = new TreeMap<>();

  UpstreamRegistry(
      UpstreamsProperties properties,
      Namespace namespace,
      ObjectProvider<RedissonClient> redisson,
      LettuceConnectionFactory connections,
      StringRedisTemplate redis,
      MeterRegistry meters) {
    var json = JsonMapper.builder().build();
    var buckets = new RedisBuckets(connections);
    properties
        .upstreams()
        .forEach(
            (name, settings) -> {
              String prefix = namespace.value() + ":upstream:" + name;
              var throttle = new SharedThrottle(redis, prefix + ":throttle", settings);
              var breaker = breaker(name, settings.breaker());
              breaker
                  .getEventPublisher()
                  .onStateTransition(
                      event -> {
                        log.warn(
                            "Circuit breaker of upstream {}: {}", name, event.getStateTransition());
                        if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                          pausePool(name, throttle, settings.breaker().openFor());
                        }
                      });
              var limits =
                  new PoolLimits(
                      () -> redisson.getObject().getPermitExpirableSemaphore(prefix + ":permits"),
                      buckets,
                      prefix + ":rate",
                      settings);
              Gauge.builder("sluice.upstream.allowed.rate", throttle, t -> t.lastKnown().rate())
                  .tag("upstream", name)
                  .description("Requests per second the pool may start now, after throttling")
                  .register(meters);
              upstreams.put(
                  name,
                  new Upstream(
                      name,
                      settings,
                      new UpstreamClient(settings, json),
                      limits,
                      throttle,
                      breaker,
                      json,
                      meters));
            });
  }

  Optional<Upstream> find(String name) {
    return Optional.ofNullable(upstreams.get(name));
  }

  /** The whole pool stops calling, not only the worker whose breaker opened. */
  private static void pausePool(String name, SharedThrottle throttle, Duration pause) {
    try {
      throttle.slowDown(pause);
    } catch (RuntimeException e) {
      log.warn("Could not pause upstream {} for the pool: {}", name, e.toString());
    }
  }

  private static CircuitBreaker breaker(String name, UpstreamsProperties.Breaker settings) {
    return CircuitBreaker.of(
        name,
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.window())
            .minimumNumberOfCalls(settings.minimumCalls())
            .failureRateThreshold(settings.failureRateThreshold())
            .waitDurationInOpenState(settings.openFor())
            .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
            // a trial call whose outcome never came back must not hold the breaker half open
            .maxWaitDurationInHalfOpenState(settings.openFor())
            .build());
  }

  @Override
  public void destroy() {
    upstreams.values().forEach(Upstream::close);
  }
}
