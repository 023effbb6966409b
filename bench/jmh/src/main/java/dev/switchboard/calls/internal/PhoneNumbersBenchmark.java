package dev.switchboard.calls.internal;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Normalizing a phone number to E.164 with libphonenumber, as webhook processing does twice per
 * event and a contact import once per row: a US number as people type it, an international
 * number, and garbage (the parse fails).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PhoneNumbersBenchmark {

    @Param({"(415) 555-0001", "+44 20 7946 0958", "call me maybe"})
    public String input;

    @Benchmark
    public Optional<String> toE164() {
        return PhoneNumbers.toE164(input, "US");
    }
}
