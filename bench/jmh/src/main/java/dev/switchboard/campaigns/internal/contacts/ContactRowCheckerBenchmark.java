package dev.switchboard.campaigns.internal.contacts;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checking one contact row as an import does for every data row: the phone number read and
 * validated in the list's region, the CRM id, ten variable columns turned into the JSON stored
 * with the contact. Rows of four kinds: a valid US number as people type it, a UK number in
 * international form, digits that are no phone number, and a US test-pattern number (555-01xx).
 * A fresh checker per iteration keeps the duplicate index as small as in a real file of a few
 * thousand rows; every row has its own number so none is refused as a duplicate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ContactRowCheckerBenchmark {

    private static final String[] HEADER = {"phone_number", "crm_id", "first_name", "last_name", "email", "company",
            "city", "state", "plan", "renewal_date", "balance", "notes"};

    @Param({"us_valid", "uk_valid", "invalid", "test_pattern"})
    public String kind;

    private ContactHeader header;
    private ContactRowChecker checker;
    private int rowNumber;

    @Setup(Level.Trial)
    public void readHeader() {
        header = ContactHeader.read(new SourceRow(1, 1, HEADER), ImportLimits.DEFAULT);
    }

    @Setup(Level.Iteration)
    public void freshChecker() {
        checker = new ContactRowChecker(header, "US", false, ImportLimits.DEFAULT);
        rowNumber = 1;
    }

    @Benchmark
    public ContactRowChecker.Outcome check() {
        rowNumber++;
        return checker.check(new SourceRow(rowNumber, rowNumber, fields(kind, rowNumber)));
    }

    /** A row as a CRM export writes it; the phone number differs per row. */
    static String[] fields(String kind, int row) {
        int line = row % 10_000;
        String phone = switch (kind) {
            case "us_valid" -> String.format("(415) %03d-%04d", 200 + (row / 10_000) % 700, line);
            case "uk_valid" -> String.format("+44 20 7%03d %04d", (row / 10_000) % 1000, line);
            case "invalid" -> "12-" + line;
            case "test_pattern" -> String.format("(212) 555-01%02d", line % 100);
            default -> throw new IllegalArgumentException(kind);
        };
        return new String[] {phone, "CRM-" + row, "Dana", "O'Neil", "dana.oneil" + row + "@example.com",
                "Acme \"West\" Ltd", "San Francisco", "CA", "gold", "2027-03-01", "1,204.50",
                "Prefers calls after 5pm;\nasked about the annual plan"};
    }
}
