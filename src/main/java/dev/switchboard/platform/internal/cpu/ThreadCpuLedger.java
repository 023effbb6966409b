package dev.switchboard.platform.internal.cpu;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The CPU time of this node's Java threads by role, exported as {@code switchboard.threads.cpu}
 * tagged {@code role} (seconds, cumulative, less what was measured as units of work on them:
 * see {@link ThreadCpuAccounting}). Only with {@code switchboard.bench.enabled=true}, for the
 * load benchmarks. Each platform thread's CPU clock is read every second and on every read of
 * the counters, and what it gained since it was last seen is added to its role, so a thread that
 * ends keeps what it had used up to its last reading. Virtual threads are counted on their
 * carriers; what is not a Java thread (garbage collection, JIT compilation) is not here.
 */
@Component
@ConditionalOnProperty(name = "switchboard.bench.enabled", havingValue = "true")
class ThreadCpuLedger {

    private static final long FRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ThreadCpuAccounting work;
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final long[] totals = new long[ThreadRole.values().length];
    // The work measured on each role as of the last reading, so a stale reading subtracts only what it saw.
    private final long[] measuredAtReading = new long[ThreadRole.values().length];
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("thread-cpu-ledger").factory());
    private long sampledAt;

    ThreadCpuLedger(MeterRegistry registry, ThreadCpuAccounting work) {
        this.work = work;
        for (ThreadRole role : ThreadRole.values()) {
            FunctionCounter.builder("switchboard.threads.cpu", this, ledger -> ledger.seconds(role))
                    .description("CPU time of this node's threads by role, less the units of work measured on them")
                    .baseUnit("seconds").tag("role", role.tag()).register(registry);
        }
        sample();
        sampler.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }

    /** The role's CPU time in seconds, from a reading at most 100 ms old. */
    synchronized double seconds(ThreadRole role) {
        if (System.nanoTime() - sampledAt > FRESH_NANOS) {
            sample();
        }
        return (totals[role.ordinal()] - measuredAtReading[role.ordinal()]) / 1e9;
    }

    synchronized void sample() {
        for (ThreadRole role : ThreadRole.values()) {
            measuredAtReading[role.ordinal()] = work.measuredOn(role);
        }
        Set<Long> alive = new HashSet<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long id = info.getThreadId();
            totals[ThreadRole.of(info.getThreadName()).ordinal()] += cpu - lastSeen.getOrDefault(id, 0L);
            lastSeen.put(id, cpu);
            alive.add(id);
        }
        lastSeen.keySet().retainAll(alive);
        sampledAt = System.nanoTime();
    }
}
