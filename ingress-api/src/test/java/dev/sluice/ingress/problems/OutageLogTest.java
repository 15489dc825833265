package dev.sluice.ingress.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class OutageLogTest {

  private final AtomicLong nanos = new AtomicLong();
  private final OutageLog outages =
      new OutageLog(
          new TimeMeter() {
            @Override
            public long currentTimeNanos() {
              return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
              return false;
            }
          });

  private static ServiceUnavailableException brokerDown() {
    return new ServiceUnavailableException(
        ProblemType.BROKER_UNAVAILABLE, "Could not reach the message broker.", null);
  }

  private static int warnings(CapturedOutput log) {
    return log.getOut().split("Answering 503", -1).length - 1;
  }

  @Test
  void anOutageWarnsOncePerIntervalAndCountsWhatItLeftOut(CapturedOutput log) {
    for (int i = 0; i < 1000; i++) {
      outages.warn(brokerDown());
    }
    assertThat(warnings(log)).isEqualTo(1);

    nanos.addAndGet(OutageLog.INTERVAL.toNanos());
    outages.warn(brokerDown());

    assertThat(warnings(log)).isEqualTo(2);
    assertThat(log.getOut()).contains("(and 999 more like it since the last warning)");
  }

  @Test
  void eachKindOfOutageHasItsOwnInterval(CapturedOutput log) {
    outages.warn(brokerDown());
    outages.warn(
        new ServiceUnavailableException(
            ProblemType.STORE_UNAVAILABLE, "The ticket store did not answer.", null));

    assertThat(warnings(log)).isEqualTo(2);
    assertThat(log.getOut()).contains("broker-unavailable").contains("store-unavailable");
  }
}
