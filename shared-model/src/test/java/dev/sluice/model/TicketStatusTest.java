package dev.sluice.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TicketStatusTest {

  @Test
  void finalStatusesCanNeverBeLeft() {
    for (TicketStatus from : TicketStatus.values()) {
      if (from.isFinal()) {
        assertThat(Arrays.stream(TicketStatus.values()).filter(from::canMoveTo)).isEmpty();
      }
    }
  }

  @Test
  void nothingMovesBackToQueued() {
    assertThat(Arrays.stream(TicketStatus.values()).filter(s -> s.canMoveTo(TicketStatus.QUEUED)))
        .isEmpty();
  }

  @Test
  void aResultMayArriveBeforeItsRunningEvent() {
    assertThat(TicketStatus.QUEUED.canMoveTo(TicketStatus.SUCCEEDED)).isTrue();
    assertThat(TicketStatus.QUEUED.canMoveTo(TicketStatus.FAILED)).isTrue();
  }

  @Test
  void laterAttemptsOutrankEverythingOfEarlierOnes() {
    assertThat(TicketStatus.RUNNING.rank(2)).isGreaterThan(TicketStatus.SUCCEEDED.rank(1));
    assertThat(TicketStatus.RUNNING.rank(2)).isGreaterThan(TicketStatus.RETRYING.rank(1));
  }

  @Test
  void withinAnAttemptRunningComesBeforeItsEnd() {
    assertThat(TicketStatus.RUNNING.rank(1)).isLessThan(TicketStatus.RETRYING.rank(1));
    assertThat(TicketStatus.RUNNING.rank(1)).isLessThan(TicketStatus.SUCCEEDED.rank(1));
    assertThat(TicketStatus.QUEUED.rank(0)).isLessThan(TicketStatus.RUNNING.rank(1));
  }
}
