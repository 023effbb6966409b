package dev.switchboard.platform.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadCpuAccountingTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ThreadCpuAccounting accounting = new ThreadCpuAccounting(registry);

    @Test
    void countsTheCpuOfAUnitOfWorkOnceEvenWhenAnotherRunsInsideIt() throws Exception {
        onThread("job-7", () -> accounting.measure("campaign-pacer", () -> {
            spin();
            accounting.measure("campaign-settlement", ThreadCpuAccountingTest::spin);
        }));

        double pacer = registry.get("switchboard.work.cpu").tag("work", "campaign-pacer").timer().totalTime(TimeUnit.NANOSECONDS);
        assertThat(pacer).isGreaterThanOrEqualTo(2 * SPIN_NANOS);
        assertThat(registry.find("switchboard.work.cpu").tag("work", "campaign-settlement").timer()).isNull();
        assertThat(accounting.measuredOn(ThreadRole.JOBS)).isEqualTo((long) pacer);
        assertThat(accounting.measuredOn(ThreadRole.WEBHOOK_PROCESSING)).isZero();
    }

    @Test
    void runsButDoesNotMeasureWorkOnAVirtualThread() throws Exception {
        boolean[] ran = {false};
        Thread.ofVirtual().start(() -> accounting.measure("campaign-settlement", () -> ran[0] = true)).join();

        assertThat(ran[0]).isTrue();
        assertThat(registry.get("switchboard.work.cpu.unmeasured").tag("work", "campaign-settlement").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("switchboard.work.cpu").timer()).isNull();
    }

    @Test
    void ledgerCountsAThreadsCpuInItsRoleLessTheWorkMeasuredOnIt() throws Exception {
        ThreadCpuLedger ledger = new ThreadCpuLedger(registry, accounting);
        double[] own = new double[1];
        try {
            double before = processing();
            // Read while the thread still runs: a thread that ends keeps only what a reading saw.
            onThread("webhook-processing-9", () -> {
                spin();
                accounting.measure(SETTLEMENT, ThreadCpuAccountingTest::spin);
                try {
                    Thread.sleep(150); // past the 100 ms a reading is reused for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                own[0] = processing() - before;
            });
        } finally {
            ledger.stop();
        }
        double settlement = registry.get("switchboard.work.cpu").tag("work", SETTLEMENT).timer().totalTime(TimeUnit.SECONDS);

        assertThat(settlement).isGreaterThanOrEqualTo(SPIN_NANOS / 1e9);
        assertThat(own[0]).isGreaterThanOrEqualTo(SPIN_NANOS / 1e9).isLessThan(2 * SPIN_NANOS / 1e9);
    }

    private static final String SETTLEMENT = "campaign-settlement";

    private double processing() {
        return registry.get("switchboard.threads.cpu").tag("role", "webhook-processing").functionCounter().count();
    }

    private static void onThread(String name, Runnable work) throws InterruptedException {
        Thread.ofPlatform().name(name).start(work).join();
    }

    private static void spin() {
        long until = THREADS.getCurrentThreadCpuTime() + SPIN_NANOS;
        long x = 0;
        while (THREADS.getCurrentThreadCpuTime() < until) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
