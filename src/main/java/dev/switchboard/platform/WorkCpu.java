package dev.switchboard.platform;

/**
 * The CPU time this node spends on named units of work (a pacer run, the settlement of an
 * ended call), measured on the thread that does the work, from the operating system's per-thread
 * CPU clock, and exported as the timer {@code switchboard.work.cpu} tagged {@code work} (count:
 * units, total: CPU time). Work on a virtual thread is run but not measured (the JVM keeps no
 * CPU time per virtual thread): it is counted in {@code switchboard.work.cpu.unmeasured}. A unit
 * run inside another is part of the outer one.
 */
public interface WorkCpu {

    /** Runs {@code work}, adding the CPU time it takes on this thread to the unit {@code name}. */
    void measure(String name, Runnable work);
}
