package dev.sluice.ingress.webhooks;

import dev.sluice.ingress.tickets.CallbackRecords;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.model.Namespace;
import dev.sluice.model.Topology;
import dev.sluice.model.WireCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook queues, and the HTTP client that delivers: no redirects, guarded DNS, timeouts. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  @Bean
  Declarables webhookQueues(Namespace namespace, WebhookProperties properties) {
    return new Declarables(
        Topology.webhookQueues(namespace, properties.retrySchedule().size()).stream()
            .map(spec -> new Queue(spec.name(), true, false, false, spec.arguments()))
            .toList());
  }

  @Bean(destroyMethod = "close")
  CloseableHttpClient webhookHttpClient(WebhookProperties properties) {
    Timeout timeout = Timeout.of(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(
                properties.allowPrivateNetworks()
                    ? SystemDefaultDnsResolver.INSTANCE
                    : new GuardedDnsResolver())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout)
                    .setSocketTimeout(timeout)
                    .build())
            .setMaxConnTotal(200)
            .setMaxConnPerRoute(20)
            .build();
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .build();
  }

  @Bean
  WebhookDispatcher webhookDispatcher(
      TicketStore tickets,
      CallbackRecords callbacks,
      WebhookQueue queue,
      CloseableHttpClient webhookHttpClient,
      WebhookProperties properties,
      WireCodec codec,
      Clock clock,
      MeterRegistry meters) {
    // a signer without a secret is never used: callbackUrl is refused when none is set
    String secret =
        properties.secret() == null || properties.secret().isBlank()
            ? "whsec_bm90LWNvbmZpZ3VyZWQtbm90LXVzZWQ="
            : properties.secret();
    var sender = new WebhookSender(webhookHttpClient, new WebhookSigner(secret), clock);
    return new WebhookDispatcher(tickets, callbacks, queue, sender, codec, meters);
  }
}
