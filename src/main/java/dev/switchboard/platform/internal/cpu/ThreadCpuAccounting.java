package dev.switchboard.platform.internal.cpu;

import dev.switchboard.platform.WorkCpu;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Measures units of work with the current thread's CPU clock (a clock_gettime call, well under a
 * microsecond, so it stays on in production). It also keeps, per {@link ThreadRole}, the CPU time
 * measured as work on threads of that role, so that {@link ThreadCpuLedger} counts each
 * nanosecond once: in its unit of work, or else in its thread's role.
 */
@Component
class ThreadCpuAccounting implements WorkCpu {

    private static final ThreadLocal<Boolean> MEASURING = new ThreadLocal<>();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean supported;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> unmeasured = new ConcurrentHashMap<>();
    private final LongAdder[] measuredOn = new LongAdder[ThreadRole.values().length];

    ThreadCpuAccounting(MeterRegistry registry) {
        this.registry = registry;
        this.supported = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        for (int i = 0; i < measuredOn.length; i++) {
            measuredOn[i] = new LongAdder();
        }
    }

    @Override
    public void measure(String name, Runnable work) {
        Thread current = Thread.currentThread();
        if (MEASURING.get() != null) {
            work.run();
            return;
        }
        if (!supported || current.isVirtual()) {
            unmeasured.computeIfAbsent(name, n -> Counter.builder("switchboard.work.cpu.unmeasured")
                    .description("Units of work run where no CPU clock is kept (virtual threads)")
                    .tag("work", n).register(registry)).increment();
            work.run();
            return;
        }
        MEASURING.set(Boolean.TRUE);
        long start = threads.getCurrentThreadCpuTime();
        try {
            work.run();
        } finally {
            long spent = threads.getCurrentThreadCpuTime() - start;
            MEASURING.remove();
            timers.computeIfAbsent(name, n -> Timer.builder("switchboard.work.cpu")
                    .description("CPU time of units of work, on the thread that did them")
                    .tag("work", n).register(registry)).record(spent, TimeUnit.NANOSECONDS);
            measuredOn[ThreadRole.of(current.getName()).ordinal()].add(spent);
        }
    }

    /** CPU time measured as work on threads of {@code role}, in nanoseconds. */
    long measuredOn(ThreadRole role) {
        return measuredOn[role.ordinal()].sum();
    }
}
