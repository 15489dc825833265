package dev.sluice.worker.upstreams;

import dev.sluice.support.upstreams.UpstreamsProperties;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Redisson, for the pool-wide concurrency permits only (its permit-expirable semaphore gives back
 * what a dead worker held). It is created when an upstream's limits are first used, and connects
 * then, so a worker starts while Redis is away and one that runs no {@code http} job never loads it
 * (about 1,500 classes); it keeps few threads and connections: it carries a few calls per job.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamsProperties.class)
class UpstreamsConfiguration {

  @Bean(destroyMethod = "shutdown")
  @Lazy
  RedissonClient redisson(DataRedisConnectionDetails redis) {
    var config = new Config();
    config.setLazyInitialization(true);
    config.setThreads(2);
    config.setNettyThreads(4);
    var node = redis.getStandalone();
    config
        .useSingleServer()
        .setAddress("redis://" + node.getHost() + ":" + node.getPort())
        .setDatabase(node.getDatabase())
        .setUsername(redis.getUsername())
        .setPassword(redis.getPassword())
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(8)
        .setSubscriptionConnectionPoolSize(4)
        .setTimeout(2000)
        .setRetryAttempts(1);
    return Redisson.create(config);
  }
}
