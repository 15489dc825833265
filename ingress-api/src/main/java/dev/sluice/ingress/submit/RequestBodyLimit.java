package dev.sluice.ingress.submit;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.PayloadTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses request bodies over {@code sluice.ingress.max-body-size}: at once when Content-Length
 * says so, otherwise (chunked bodies) as soon as the reader passes the limit, so an oversized body
 * is never held in memory.
 */
@ControllerAdvice
class RequestBodyLimit extends RequestBodyAdviceAdapter {

  private final long limit;

  RequestBodyLimit(IngressProperties properties) {
    this.limit = properties.maxBodySize().toBytes();
  }

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public HttpInputMessage beforeBodyRead(
      HttpInputMessage input,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType)
      throws IOException {
    if (input.getHeaders().getContentLength() > limit) {
      throw new PayloadTooLargeException(limit);
    }
    InputStream bounded = new BoundedInputStream(input.getBody(), limit);
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return bounded;
      }

      @Override
      public HttpHeaders getHeaders() {
        return input.getHeaders();
      }
    };
  }

  private static final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }
  }
}
