package dev.sluice.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamespaceTest {

  @Test
  void everyNameStartsWithTheNamespace() {
    var ns = new Namespace("team-a");

    assertThat(ns.requestsQueue()).isEqualTo("team-a.requests");
    assertThat(ns.resultsQueue()).isEqualTo("team-a.results");
    assertThat(ns.deadQueue()).isEqualTo("team-a.dead");
    assertThat(ns.ticketKey("abc")).isEqualTo("team-a:ticket:abc");
  }

  @Test
  void refusesNamesThatWouldBreakQueueOrKeyPatterns() {
    assertThatThrownBy(() -> new Namespace("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Namespace("a*b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Namespace("Upper")).isInstanceOf(IllegalArgumentException.class);
  }
}
