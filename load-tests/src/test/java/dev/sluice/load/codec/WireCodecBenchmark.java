package dev.sluice.load.codec;

import dev.sluice.model.Attempt;
import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.WireCodec;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four codec calls of every job, with the messages of the benchmark's {@code simulate} job: the
 * ingress encodes its request and decodes its result, a worker decodes the request and encodes the
 * result. Run with {@code load-tests/jmh.sh}, which also runs them as a worker's JVM compiles them
 * (C1 only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireCodecBenchmark {

  private final WireCodec codec = new WireCodec();
  private JobRequest request;
  private JobEvent result;
  private byte[] requestBytes;
  private byte[] resultBytes;

  @Setup
  public void setUp() {
    var json = JsonMapper.builder().build();
    request =
        JobRequest.accepted(
            "01a225bd-c810-7dee-85a0-4b763476a9c1",
            "simulate",
            json.readTree("{\"sleepMs\":10}"),
            Instant.parse("2026-11-29T05:28:21.950123Z"),
            3,
            30_000);
    var attempt =
        new Attempt(request.id(), 1, "worker-41377", Instant.parse("2026-11-29T05:28:21.971456Z"));
    result =
        JobEvent.succeeded(
            attempt,
            Instant.parse("2026-11-29T05:28:21.982789Z"),
            json.readTree(
                "{\"attempt\":1,\"workerId\":\"worker-41377\",\"sleptMs\":10,\"cpuMs\":0}"));
    requestBytes = codec.encode(request);
    resultBytes = codec.encode(result);
  }

  @Benchmark
  public byte[] encodeRequest() {
    return codec.encode(request);
  }

  @Benchmark
  public JobRequest decodeRequest() {
    return codec.decode(requestBytes, JobRequest.class);
  }

  @Benchmark
  public byte[] encodeResult() {
    return codec.encode(result);
  }

  @Benchmark
  public JobEvent decodeResult() {
    return codec.decode(resultBytes, JobEvent.class);
  }
}
