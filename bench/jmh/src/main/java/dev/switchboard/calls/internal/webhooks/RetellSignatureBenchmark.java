package dev.switchboard.calls.internal.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

/**
 * Verifying a Retell webhook signature on a typical call_ended body (about 2 KB): with the
 * platform key alone (nearly every event), with an organization's own key found third, and the
 * same check creating its Mac from scratch (what every request did before keyed Macs were reused).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RetellSignatureBenchmark {

    private static final String PLATFORM_KEY = "sandbox-platform-key";
    private static final String OWN_KEY = "key_own_0f9e8d7c6b5a4f3e2d1c0b9a";
    private static final byte[] TIMESTAMP = "1763800000000".getBytes(StandardCharsets.UTF_8);

    private byte[] body;
    private String header;
    private String ownHeader;
    private Instant now;

    @Setup
    public void setUp() {
        StringBuilder b = new StringBuilder("{\"event\":\"call_ended\",\"call\":{\"call_id\":\"call_0a1b2c3d4e5f\",")
                .append("\"agent_id\":\"agent_1e1e95e6c27cf0d575931a2b\",\"call_status\":\"ended\",\"direction\":\"inbound\",")
                .append("\"from_number\":\"+16282000001\",\"to_number\":\"+14155552569\",\"transcript\":\"");
        while (b.length() < 2000) {
            b.append("Agent: Hi Ann, this is Bench Dental calling to confirm your appointment. User: Yes, thank you.\\n");
        }
        body = b.append("\"}}").toString().getBytes(StandardCharsets.UTF_8);
        long ts = 1_763_800_000_000L;
        now = Instant.ofEpochMilli(ts + 1000);
        header = RetellSignature.sign(body, PLATFORM_KEY, ts);
        ownHeader = RetellSignature.sign(body, OWN_KEY, ts);
    }

    @Benchmark
    public RetellSignature.Verdict platformKey() {
        return RetellSignature.verify(body, header, List.of(PLATFORM_KEY), now);
    }

    @Benchmark
    public RetellSignature.Verdict ownKeyThirdCandidate() {
        return RetellSignature.verify(body, ownHeader, List.of("retell-platform-key", PLATFORM_KEY, OWN_KEY), now);
    }

    /** The digest alone with a Mac looked up and keyed for each call: the cost keyed Macs avoid. */
    @Benchmark
    public byte[] macCreatedPerCall() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PLATFORM_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(body);
        return mac.doFinal(TIMESTAMP);
    }
}
