package org.customerprofile.standalone.benchmark;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.customerprofile.standalone.benchmark.Harness.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost of the reference uniqueness check: create throughput with and without a reference, measured
 * side by side (interleaved rounds) in one run, through HTTP on the durable embedded default.
 */
@Tag("benchmark")
class CreateThroughputBenchmark {

    static final Duration PHASE = Harness.seconds("benchmark.seconds", 10);
    static final int ROUNDS = 3;

    /** Numbers references across phases: a load loop's own numbering restarts at 1. */
    private static final AtomicLong REFERENCES = new AtomicLong();

    @Test
    void createWithAndWithoutReference() throws Exception {
        try (ConfigurableApplicationContext app = Harness.start("--customers.postgres.durable=true")) {
            String base = Harness.base(app);
            String token = Harness.loginCompany1(base);
            Harness.Task withoutReference = n -> Harness.send(Harness.post(base, "/v1/customers", token,
                    "{\"first_name\": \"Bench\", \"last_name\": \"Mark\"}"), 201);
            Harness.Task withReference = n -> Harness.send(Harness.post(base, "/v1/customers", token,
                    "{\"first_name\": \"Bench\", \"last_name\": \"Mark\", \"reference\": \"bench_" + REFERENCES.incrementAndGet() + "\"}"), 201);
            Harness.load(Harness.THREADS, Duration.ofSeconds(20), withoutReference); // until the JIT has compiled the hot paths
            StringBuilder table = new StringBuilder(String.format("""
                    Create throughput, %d client threads, %d s per phase, durable embedded PostgreSQL, read-your-writes on

                    | round | without reference: req/s, p50, p99 (ms) | with reference: req/s, p50, p99 (ms) | ratio |
                    |---|---|---|---|
                    """, Harness.THREADS, PHASE.toSeconds()));
            double[] totals = new double[2];
            for (int round = 1; round <= ROUNDS; round++) {
                Result without = Harness.load(Harness.THREADS, PHASE, withoutReference);
                Result with = Harness.load(Harness.THREADS, PHASE, withReference);
                totals[0] += without.perSecond();
                totals[1] += with.perSecond();
                table.append(String.format("| %d | %s | %s | %.2f |%n", round, without, with, with.perSecond() / without.perSecond()));
            }
            table.append(String.format("| mean | %.0f req/s | %.0f req/s | %.2f |%n", totals[0] / ROUNDS, totals[1] / ROUNDS, totals[1] / totals[0]));
            Harness.report("create-throughput.md", table.toString());
        }
    }
}
