package dev.sluice.ingress.webhooks;

import java.io.IOException;
import java.time.Clock;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jspecify.annotations.Nullable;

/** Makes one signed POST of a webhook and reports what the receiver answered. */
final class WebhookSender {

  private final CloseableHttpClient http;
  private final WebhookSigner signer;
  private final Clock clock;

  WebhookSender(CloseableHttpClient http, WebhookSigner signer, Clock clock) {
    this.http = http;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * What one try came to.
   *
   * @param statusCode the receiver's status, or null when there was no answer
   * @param error why there was no answer
   */
  record Answer(@Nullable Integer statusCode, @Nullable String error) {

    boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the receiver asks never to be called again for this. */
    boolean gone() {
      return statusCode != null && statusCode == 410;
    }
  }

  Answer send(String url, String webhookId, byte[] body) {
    long timestamp = clock.instant().getEpochSecond();
    var post = new HttpPost(url);
    post.setHeader("webhook-id", webhookId);
    post.setHeader("webhook-timestamp", Long.toString(timestamp));
    post.setHeader("webhook-signature", signer.sign(webhookId, timestamp, body));
    post.setHeader("User-Agent", "Sluice-Webhooks/1");
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    try {
      return http.execute(
          post,
          response -> {
            EntityUtils.consume(response.getEntity());
            return new Answer(response.getCode(), null);
          });
    } catch (IOException e) {
      return new Answer(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
