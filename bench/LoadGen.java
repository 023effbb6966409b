import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Switchboard's load generator: prepares an organization through the public API, then drives
 * HTTP load at a fixed arrival rate (latency counted from each request's intended start, so a
 * slow server cannot hide its queueing) or at a fixed concurrency (to find the saturation
 * throughput). Run by the scripts in this folder; see bench/README.md.
 *
 *   java -cp postgresql.jar bench/LoadGen.java webhooks --base http://127.0.0.1:18180 --db jdbc:postgresql://... [options]
 *   java bench/LoadGen.java calls --base http://127.0.0.1:18180 [options]
 *   java bench/LoadGen.java live --base http://127.0.0.1:18180 [--organizations 50 --subscribers 40 --calls 4]
 *   java -cp postgresql.jar bench/LoadGen.java dialer --base URL --db JDBC_URL --sandbox URL --pid PID [--size 100000 --concurrency 50]
 *
 * Options: --rate (requests/s), --seconds (measured phase), --saturation-seconds, --concurrency,
 * --key (the Retell signing key), --report (a Markdown fragment written for RESULTS.md), --jstat
 * (the server's {@code jstat -gc} log, for its heap).
 */
public class LoadGen {

    /** Retell waits about 10 s for an answer; the load generator gives up at the same point. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadGen webhooks|calls|live --base URL [--db JDBC_URL] [--rate N] [--seconds N] ...");
            System.exit(2);
        }
        Options options = Options.parse(args);
        switch (args[0]) {
            case "webhooks" -> new WebhookBench(options).run();
            case "calls" -> new CallsBench(options).run();
            case "live" -> new LiveBench(options).run();
            case "dialer" -> new DialerBench(options).run();
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ options

    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected an --option, got " + args[i]);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(values);
        }

        String text(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int number(String name, int fallback) {
            return Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
        }
    }

    // ------------------------------------------------------------------ latency histogram

    /**
     * Latencies in microseconds, log-linear buckets (64 per power of two, so any percentile is
     * within 1.6 % of the true value), lock-free recording from many threads.
     */
    /** Latency percentiles of a phase, in microseconds. */
    interface Latency {
        long percentile(double percent);

        long max();
    }

    static final class Histogram implements Latency {
        private static final int SUB = 64;
        private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong max = new AtomicLong();

        void record(long micros) {
            long v = Math.max(1, micros);
            counts.incrementAndGet(index(v));
            total.incrementAndGet();
            max.accumulateAndGet(v, Math::max);
        }

        static int index(long v) {
            if (v < SUB) {
                return (int) v;
            }
            int exponent = 63 - Long.numberOfLeadingZeros(v); // at least 6
            int mantissa = (int) (v >>> (exponent - 6));      // 64..127: six significant bits
            return SUB + (exponent - 6) * SUB + mantissa - SUB;
        }

        long count() {
            return total.get();
        }

        /** The latency at or below which {@code percent} % of the recorded requests finished. */
        @Override
        public long percentile(double percent) {
            long n = total.get();
            if (n == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(n * percent / 100.0);
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank) {
                    return Math.min(upperBound(i), max.get());
                }
            }
            return max.get();
        }

        private static long upperBound(int index) {
            if (index < SUB) {
                return index;
            }
            int shift = (index - SUB) / SUB;
            long mantissa = SUB + (index - SUB) % SUB;
            return ((mantissa + 1) << shift) - 1;
        }

        @Override
        public long max() {
            return max.get();
        }
    }

    // ------------------------------------------------------------------ load drivers

    /** What one phase of load produced. */
    record Outcome(String name, double seconds, long sent, Map<Integer, Long> statuses, long errors, Latency latency,
                   String firstFailure) {
        long ok() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        }

        double okPerSecond() {
            return ok() / seconds;
        }

        String line() {
            return String.format(Locale.ROOT,
                    "%-22s %6.1f s  sent %7d  2xx %7d (%8.1f/s)  other %s  errors %d  p50 %s  p90 %s  p99 %s  max %s",
                    name, seconds, sent, ok(), okPerSecond(), others(), errors, ms(latency.percentile(50)),
                    ms(latency.percentile(90)), ms(latency.percentile(99)), ms(latency.max()));
        }

        String others() {
            StringBuilder b = new StringBuilder();
            statuses.forEach((status, count) -> {
                if (status / 100 != 2) {
                    b.append(status).append('×').append(count).append(' ');
                }
            });
            return b.isEmpty() ? "none" : b.toString().trim();
        }
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    /** Builds the i-th request of a phase. */
    interface Requests extends IntFunction<HttpRequest> {
    }

    static final class Recorder {
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final Histogram latency = new Histogram();
        volatile String firstFailure;

        void send(HttpRequest request, long intendedNanos) {
            sent.incrementAndGet();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                latency.record((System.nanoTime() - intendedNanos) / 1000);
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                if (response.statusCode() / 100 != 2 && firstFailure == null) {
                    firstFailure = response.statusCode() + " " + response.body();
                }
            } catch (Exception e) {
                latency.record((System.nanoTime() - intendedNanos) / 1000);
                errors.incrementAndGet();
                if (firstFailure == null) {
                    firstFailure = e.toString();
                }
            }
        }

        void timedOut(long intendedNanos) {
            sent.incrementAndGet();
            errors.incrementAndGet();
            latency.record((System.nanoTime() - intendedNanos) / 1000);
            if (firstFailure == null) {
                firstFailure = "no free connection within " + TIMEOUT;
            }
        }

        Outcome outcome(String name, double seconds) {
            Map<Integer, Long> counts = new java.util.TreeMap<>();
            statuses.forEach((k, v) -> counts.put(k, v.get()));
            return new Outcome(name, seconds, sent.get(), counts, errors.get(), latency, firstFailure);
        }
    }

    /**
     * Open model: request i is due at start + i / rate whatever happened before; at most
     * {@code maxInFlight} are outstanding, and time spent waiting for a slot counts as latency.
     */
    static Outcome fixedRate(String name, int rate, int seconds, int maxInFlight, Requests requests) throws InterruptedException {
        Recorder recorder = new Recorder();
        Semaphore slots = new Semaphore(maxInFlight);
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        // A load generator starved of CPU stops at the planned end instead of stretching the run;
        // what it could not send is reported, and the run is then not a valid measurement.
        long stopDispatching = start + TimeUnit.SECONDS.toNanos(seconds + 2);
        long dispatched = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total && System.nanoTime() < stopDispatching; i++, dispatched++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                threads.submit(() -> {
                    // A request not answered within the timeout after it was due counts as an error.
                    long left = due + TIMEOUT.toNanos() - System.nanoTime();
                    try {
                        if (!slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                            recorder.timedOut(due);
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        recorder.send(requests.apply(index), due);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        if (dispatched < total) {
            System.out.printf(Locale.ROOT, "WARNING: the load generator could send only %d of %d requests in time "
                    + "(the machine is too busy for this rate): this phase is not a valid measurement%n", dispatched, total);
        }
        return recorder.outcome(name, (System.nanoTime() - start) / 1e9);
    }

    /** Closed model: {@code concurrency} senders back to back for {@code seconds}: the saturation throughput. */
    static Outcome saturate(String name, int concurrency, int seconds, Requests requests) throws InterruptedException {
        Recorder recorder = new Recorder();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < concurrency; t++) {
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpRequest request = requests.apply((int) next.getAndIncrement());
                        recorder.send(request, System.nanoTime());
                    }
                });
            }
        }
        return recorder.outcome(name, (System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------ wrk

    /**
     * Drives a phase with wrk (a C load generator, far lighter than the JDK client on a machine
     * whose cores the server needs): the requests are signed here beforehand and written to a
     * file that bench/wrk/replay.lua replays, each request once. With a rate, replay.lua keeps an
     * absolute schedule per wrk thread; the achieved rate is reported, and a phase that fell
     * behind its schedule (every connection busy) is flagged as not a valid measurement.
     */
    static final class Wrk {
        private static final int THREADS = 2;
        private static final Pattern RESULT = Pattern.compile("RESULT (.*)");

        static boolean available() {
            try {
                return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
            } catch (Exception e) {
                return false;
            }
        }

        /** Writes {@code count} requests, "header value TAB body" a line (a signature is made now: Retell allows 5 minutes). */
        static java.nio.file.Path requests(int count, IntFunction<byte[]> bodies, java.util.function.Function<byte[], String> header)
                throws java.io.IOException {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("switchboard-wrk-", ".txt");
            file.toFile().deleteOnExit();
            try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 20)) {
                for (int i = 0; i < count; i++) {
                    byte[] body = bodies.apply(i);
                    out.write(header.apply(body).getBytes(StandardCharsets.UTF_8));
                    out.write('\t');
                    out.write(body);
                    out.write('\n');
                }
            }
            return file;
        }

        /** One phase of signed Retell webhooks: see {@link #run(String, String, java.nio.file.Path, int, int, int, String)}. */
        static Outcome run(String name, String url, java.nio.file.Path requests, int connections, int seconds, int rate)
                throws Exception {
            return run(name, url, requests, connections, seconds, rate, "x-retell-signature");
        }

        /**
         * One phase: {@code connections} keep-alive connections for {@code seconds}, at {@code rate}/s or flat out (0),
         * each request carrying its line's header value under {@code header}.
         */
        static Outcome run(String name, String url, java.nio.file.Path requests, int connections, int seconds, int rate,
                           String header) throws Exception {
            String path = URI.create(url).getPath();
            Process wrk = new ProcessBuilder("wrk", "-t" + THREADS, "-c" + connections, "-d" + seconds + "s",
                    "--timeout", TIMEOUT.toSeconds() + "s", "-s", "bench/wrk/replay.lua", url, "--",
                    requests.toString(), path, Integer.toString(rate), Integer.toString(THREADS), header)
                    .redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            Matcher m = RESULT.matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("wrk printed no result: " + output);
            }
            Map<String, String> v = new HashMap<>();
            for (String pair : m.group(1).trim().split(" ")) {
                int eq = pair.indexOf('=');
                v.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            Map<Integer, Long> statuses = new java.util.TreeMap<>();
            for (String pair : v.get("statuses").split(",")) {
                if (!pair.isBlank()) {
                    int eq = pair.indexOf('=');
                    statuses.put(Integer.parseInt(pair.substring(0, eq)), Long.parseLong(pair.substring(eq + 1)));
                }
            }
            double elapsed = Long.parseLong(v.get("duration_us")) / 1e6;
            long errors = Stream.of("connect_errors", "read_errors", "write_errors", "timeouts")
                    .mapToLong(k -> Long.parseLong(v.get(k))).sum();
            long sent = Long.parseLong(v.get("requests"));
            long p50 = Long.parseLong(v.get("p50"));
            long p90 = Long.parseLong(v.get("p90"));
            long p99 = Long.parseLong(v.get("p99"));
            long max = Long.parseLong(v.get("max"));
            Latency latency = new Latency() {
                @Override
                public long percentile(double percent) {
                    return percent <= 50 ? p50 : percent <= 90 ? p90 : p99;
                }

                @Override
                public long max() {
                    return max;
                }
            };
            String failure = null;
            if (!"0".equals(v.get("wrapped")) && rate > 0) {
                failure = "the request file ran out and requests were sent again (absorbed as repeats)";
            }
            if (rate > 0 && sent < (long) rate * seconds * 0.97) {
                System.out.printf(Locale.ROOT, "WARNING: %s sent only %d of %d requests (every connection was busy): "
                        + "this phase is not a valid measurement%n", name, sent, (long) rate * seconds);
                failure = "behind schedule: " + sent + " of " + (long) rate * seconds + " requests sent";
            }
            return new Outcome(name, elapsed, sent, statuses, errors, latency, failure);
        }
    }

    // ------------------------------------------------------------------ heap sampling

    /**
     * The server's heap from a {@code jstat -gc <pid> 1000} log the script keeps while the run
     * goes on (jstat reads the JVM's shared counters, so sampling costs the server nothing):
     * the largest used heap (survivors + eden + old) and the largest capacity seen.
     */
    static String heap(String jstatLog) throws java.io.IOException {
        if (jstatLog == null || !java.nio.file.Files.exists(java.nio.file.Path.of(jstatLog))) {
            return "not sampled";
        }
        List<String> header = null;
        double maxUsed = 0;
        double maxCapacity = 0;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(jstatLog))) {
            List<String> cells = List.of(line.trim().split("\\s+"));
            if (cells.contains("EU")) {
                header = cells;
                continue;
            }
            if (header == null || cells.size() != header.size()) {
                continue;
            }
            try {
                double used = 0;
                double capacity = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    used += Double.parseDouble(cells.get(header.indexOf(column)));
                }
                for (String column : List.of("S0C", "S1C", "EC", "OC")) {
                    capacity += Double.parseDouble(cells.get(header.indexOf(column)));
                }
                maxUsed = Math.max(maxUsed, used);
                maxCapacity = Math.max(maxCapacity, capacity);
            } catch (NumberFormatException notData) {
                // a repeated header or a partial line
            }
        }
        return String.format(Locale.ROOT, "%.0f MB max used (heap committed up to %.0f MB; sampled every second)",
                maxUsed / 1024, maxCapacity / 1024);
    }

    // ------------------------------------------------------------------ API helpers

    static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String call(String method, String url, String json, int expected, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static List<String> all(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** An organization ready to take calls: its admin token, an API key, agents synced to the provider, a number. */
    record Organization(String id, String accessToken, String apiKey, List<String> agentIds, List<String> providerAgentIds,
                        String number) {

        static Organization prepare(String base, int agents) throws Exception {
            return prepare(base, agents, null);
        }

        /**
         * As {@link #prepare(String, int)}, signing up as a visitor from {@code clientIp} (sent as
         * X-Forwarded-For, which a server started with SWITCHBOARD_FORWARD_HEADERS=native believes
         * from a local proxy), so that many sign-ups stay within the per-network limit.
         */
        static Organization prepare(String base, int agents, String clientIp) throws Exception {
            String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String signup = call("POST", base + "/api/v1/auth/signup", """
                    {"organizationName":"Bench Dental","fullName":"Bea Bench","email":"%s","password":"correct horse battery staple"}"""
                    .formatted(email), 201, clientIp == null ? new String[0] : new String[] {"X-Forwarded-For", clientIp});
            String token = field(signup, "accessToken");
            String organization = field(signup.substring(signup.indexOf("\"organization\"")), "id");
            String[] auth = {"Authorization", "Bearer " + token};
            String key = field(call("POST", base + "/api/v1/api-keys",
                    "{\"name\":\"bench\",\"scopes\":[\"campaigns:run\",\"organization:read\",\"agents:manage\"]}", 201, auth),
                    "secret");
            String voice = field(call("GET", base + "/api/v1/agents/voices", null, 200, auth), "id");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                ids.add(field(call("POST", base + "/api/v1/agents", """
                        {"name":"Reminders %d","type":"appointment","status":"active","voiceId":"%s",
                         "promptTemplate":"You call {{first_name}} on {{current_day}} to confirm the appointment.",
                         "beginMessage":"Hi {{first_name}}, this is Bench Dental."}""".formatted(i + 1, voice), 201, auth), "id"));
            }
            List<String> providerIds = new ArrayList<>();
            for (String id : ids) {
                providerIds.add(awaitSynced(base, id, auth));
            }
            String number = null;
            String numberId = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (numberId == null && System.nanoTime() < deadline) {
                String numbers = call("GET", base + "/api/v1/phone-numbers", null, 200, auth);
                numberId = field(numbers, "id");
                number = field(numbers, "e164");
                if (numberId == null) {
                    Thread.sleep(200);
                }
            }
            if (numberId == null) {
                throw new IllegalStateException("the organization got no phone number within 30 s");
            }
            call("PATCH", base + "/api/v1/phone-numbers/" + numberId, "{\"outboundAgentId\":\"%s\",\"inboundAgentId\":\"%s\"}"
                    .formatted(ids.get(0), ids.get(0)), 204, auth);
            return new Organization(organization, token, key, ids, providerIds, number);
        }

        private static String awaitSynced(String base, String agentId, String[] auth) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String agent = call("GET", base + "/api/v1/agents/" + agentId, null, 200, auth);
                String sync = agent.substring(agent.indexOf("\"sync\""));
                if ("synced".equals(field(sync, "status"))) {
                    return field(sync, "providerAgentId");
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("agent " + agentId + " did not sync to the provider within 30 s");
        }
    }

    // ------------------------------------------------------------------ webhooks

    /** Retell's signature: v=<ms>,d=<hex HMAC-SHA256(key, body + ms)>. */
    static final class Signer {
        private final ThreadLocal<Mac> macs;

        Signer(String key) {
            macs = ThreadLocal.withInitial(() -> {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    return mac;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        String sign(byte[] body) {
            String ts = Long.toString(System.currentTimeMillis());
            Mac mac = macs.get();
            mac.update(body);
            return "v=" + ts + ",d=" + HexFormat.of().formatHex(mac.doFinal(ts.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Realistic Retell events: each call gets call_started, then call_ended (with its transcript),
     * then call_analyzed, spread apart in the sequence as real calls are; every call id is new.
     */
    static final class RetellEvents {
        private static final int BLOCK = 400; // calls per block: started ×400, ended ×400, analyzed ×400
        private final String runId = UUID.randomUUID().toString().substring(0, 8);
        private final List<String> providerAgentIds;
        private final String number;
        private final String prefix;

        RetellEvents(String prefix, List<String> providerAgentIds, String number) {
            this.prefix = prefix;
            this.providerAgentIds = providerAgentIds;
            this.number = number == null ? "+14155550100" : number;
        }

        byte[] body(int i) {
            int block = i / (3 * BLOCK);
            int within = i % (3 * BLOCK);
            int call = block * BLOCK + within % BLOCK;
            String type = switch (within / BLOCK) {
                case 0 -> "call_started";
                case 1 -> "call_ended";
                default -> "call_analyzed";
            };
            return json(type, call).getBytes(StandardCharsets.UTF_8);
        }

        private String json(String type, int call) {
            String callId = "call_" + prefix + runId + String.format(Locale.ROOT, "%08d", call);
            String agent = providerAgentIds.get(call % providerAgentIds.size());
            String caller = String.format(Locale.ROOT, "+1628%07d", 2_000_000 + call % 7_000_000);
            long start = 1_763_800_000_000L + call * 1000L;
            StringBuilder b = new StringBuilder(3000);
            b.append("{\"event\":\"").append(type).append("\",\"call\":{\"call_type\":\"phone_call\",\"call_id\":\"")
                    .append(callId).append("\",\"agent_id\":\"").append(agent)
                    .append("\",\"agent_version\":1,\"agent_name\":\"Reminders\",\"call_status\":\"")
                    .append(type.equals("call_started") ? "ongoing" : "ended")
                    .append("\",\"direction\":\"inbound\",\"from_number\":\"").append(caller)
                    .append("\",\"to_number\":\"").append(number)
                    .append("\",\"metadata\":{},\"retell_llm_dynamic_variables\":{\"first_name\":\"Ann\"},")
                    .append("\"data_storage_setting\":\"everything\",\"opt_in_signed_url\":false,\"start_timestamp\":")
                    .append(start);
            if (!type.equals("call_started")) {
                long duration = 62_000 + (call % 90) * 1000L;
                b.append(",\"end_timestamp\":").append(start + duration).append(",\"duration_ms\":").append(duration)
                        .append(",\"transcript\":\"Agent: Hi Ann, this is Bench Dental calling to confirm your appointment")
                        .append(" on Tuesday at 10 am.\\nUser: Yes, that works for me, thank you.\\nAgent: Great, see you then.")
                        .append(" Goodbye!\\nUser: Bye.\\n\",\"transcript_object\":[")
                        .append(turn("agent", "Hi Ann, this is Bench Dental calling to confirm your appointment on Tuesday at 10 am.", 0.4, 5.2))
                        .append(',').append(turn("user", "Yes, that works for me, thank you.", 5.9, 8.1))
                        .append(',').append(turn("agent", "Great, see you then. Goodbye!", 8.6, 10.4))
                        .append(',').append(turn("user", "Bye.", 10.9, 11.3))
                        .append("],\"recording_url\":\"http://127.0.0.1:8089/recordings/").append(callId).append(".wav\"")
                        .append(",\"disconnection_reason\":\"").append(call % 10 == 0 ? "voicemail_reached" : "user_hangup")
                        .append("\",\"call_cost\":{\"product_costs\":[{\"product\":\"retell_platform\",\"unit_price\":0.1167,")
                        .append("\"cost\":").append(duration / 1000 * 0.1167).append("}],\"total_duration_seconds\":")
                        .append(duration / 1000).append(",\"total_duration_unit_price\":0.1167,\"combined_cost\":")
                        .append(duration / 1000 * 0.1167).append('}');
            }
            if (type.equals("call_analyzed")) {
                b.append(",\"call_analysis\":{\"call_summary\":\"The caller confirmed the appointment on Tuesday at 10 am.\",")
                        .append("\"in_voicemail\":").append(call % 10 == 0).append(",\"user_sentiment\":\"Positive\",")
                        .append("\"call_successful\":true,\"custom_analysis_data\":{\"confirmed\":true}}");
            }
            return b.append("}}").toString();
        }

        private static String turn(String role, String content, double start, double end) {
            return "{\"role\":\"" + role + "\",\"content\":\"" + content + "\",\"words\":[{\"word\":\""
                    + content.split(" ")[0] + "\",\"start\":" + start + ",\"end\":" + (start + 0.3) + "},{\"word\":\"…\",\"start\":"
                    + (end - 0.3) + ",\"end\":" + end + "}]}";
        }
    }

    static final class WebhookBench {
        private final String base;
        private final String db;
        private final int rate;
        private final int seconds;
        private final int saturationSeconds;
        private final int concurrency;
        private final Signer signer;
        private final String report;
        private final String jstat;
        private final boolean wrk;
        private final int connections;
        private final int maxRate;
        private byte[] noopBody;

        WebhookBench(Options o) {
            base = o.text("base", "http://127.0.0.1:18180");
            db = o.text("db", null);
            rate = o.number("rate", 2000);
            seconds = o.number("seconds", 20);
            saturationSeconds = o.number("saturation-seconds", 10);
            concurrency = o.number("concurrency", 32);
            signer = new Signer(o.text("key", "sandbox-platform-key"));
            report = o.text("report", null);
            jstat = o.text("jstat", null);
            wrk = !"jdk".equals(o.text("engine", "wrk")) && Wrk.available();
            connections = o.number("connections", 128);
            maxRate = o.number("max-rate", 8000);
        }

        void run() throws Exception {
            Organization org = Organization.prepare(base, 3);
            System.out.println("organization " + org.id() + " with agents " + org.providerAgentIds() + " and number " + org.number());
            noopBody = new RetellEvents("noop", org.providerAgentIds(), org.number()).body(1000);
            Requests noop = i -> HttpRequest.newBuilder(URI.create(base + "/webhooks/bench-noop")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("x-retell-signature", signer.sign(noopBody))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(noopBody)).build();
            List<Outcome> outcomes = new ArrayList<>();
            try (Connection sql = db == null ? null : DriverManager.getConnection(db)) {
                System.out.println("warm-up… (load generator: " + (wrk ? "wrk" : "JDK HttpClient") + ")");
                flatOut("warm-up no-op", 4, noop, null);
                flatOut("warm-up webhooks", 4, webhooks(new RetellEvents("w", org.providerAgentIds(), org.number())),
                        new RetellEvents("w", org.providerAgentIds(), org.number()));
                Drain warmDrain = drain(sql, 60);
                System.out.println("warm-up backlog processed " + warmDrain);

                Outcome noopMax = flatOut("no-op saturation", saturationSeconds, noop, null);
                System.out.println(noopMax.line());
                RetellEvents saturating = new RetellEvents("s", org.providerAgentIds(), org.number());
                Outcome hookMax = flatOut("webhook saturation", saturationSeconds, webhooks(saturating), saturating);
                System.out.println(hookMax.line());
                Drain saturationDrain = drain(sql, 60);
                System.out.println("saturation backlog processed " + saturationDrain);

                long before = count(sql, "select count(*) from webhook_inbox");
                BacklogSampler backlog = new BacklogSampler(sql);
                RetellEvents steadyEvents = new RetellEvents("r", org.providerAgentIds(), org.number());
                Outcome steady;
                if (wrk) {
                    java.nio.file.Path file = Wrk.requests((int) (rate * (long) seconds * 1.02) + 1000, steadyEvents::body, signer::sign);
                    steady = Wrk.run("webhooks at " + rate + "/s", base + "/webhooks/retell", file, connections, seconds, rate);
                    java.nio.file.Files.deleteIfExists(file);
                } else {
                    steady = fixedRate("webhooks at " + rate + "/s", rate, seconds, 1024, webhooks(steadyEvents));
                }
                System.out.println(steady.line());
                Drain lag = drain(sql, 60);
                backlog.close();
                long stored = count(sql, "select count(*) from webhook_inbox") - before;
                System.out.println("processing lag after the steady phase: " + lag + "; backlog max during it " + backlog.max);
                String delays = processingDelays(sql);
                System.out.println("per-event delay from receipt to processed (steady phase): " + delays);
                outcomes.addAll(List.of(noopMax, hookMax, steady));
                Thread.sleep(1200);
                String heapLine = heap(jstat);
                System.out.println("heap during the run: " + heapLine);
                double ratio = hookMax.okPerSecond() / noopMax.okPerSecond();
                System.out.printf(Locale.ROOT, "webhook/no-op throughput ratio: %.2f%n", ratio);
                if (steady.firstFailure() != null) {
                    System.out.println("first failure: " + steady.firstFailure());
                }
                writeReport(noopMax, hookMax, steady, ratio, stored, lag, saturationDrain, backlog.max, delays, heapLine);
            }
        }

        /**
         * A closed-model phase: as many requests as the server takes from {@code concurrency}
         * connections. With wrk, webhook requests are signed beforehand, enough for the fastest
         * rate this machine could reach ({@code max-rate}); the no-op endpoint gets one request repeated.
         */
        private Outcome flatOut(String name, int secs, Requests jdk, RetellEvents events) throws Exception {
            if (!wrk) {
                return saturate(name, concurrency, secs, jdk);
            }
            java.nio.file.Path file = events == null
                    ? Wrk.requests(1, i -> noopBody, signer::sign)
                    : Wrk.requests(secs * maxRate, events::body, signer::sign);
            try {
                String path = events == null ? "/webhooks/bench-noop" : "/webhooks/retell";
                return Wrk.run(name, base + path, file, concurrency, secs, 0);
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        }

        private Requests webhooks(RetellEvents events) {
            return i -> {
                byte[] body = events.body(i);
                return HttpRequest.newBuilder(URI.create(base + "/webhooks/retell")).timeout(TIMEOUT)
                        .header("Content-Type", "application/json").header("x-retell-signature", signer.sign(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            };
        }

        /** How the backlog went: how long it took (or how much was left), and the processing rate meanwhile. */
        record Drain(long millis, long left, boolean finished, double perSecond) {
            @Override
            public String toString() {
                String rate = String.format(Locale.ROOT, " (processing %.0f events/s)", perSecond);
                return (finished ? "in " + millis + " ms" : "NOT within " + millis + " ms (" + left + " still waiting)")
                        + (Double.isNaN(perSecond) ? "" : rate);
            }
        }

        /**
         * Waits until every stored event is processed (or parked); the wait is the processing lag.
         * While the server says it still holds events to process, only it is asked (a cheap gauge);
         * the inbox is counted when it says it holds none, and that count decides. Counting the
         * inbox every poll would cost PostgreSQL tens of milliseconds each time (it walks the index
         * entries of every row processed since the last vacuum) and slow the processing it measures.
         */
        private Drain drain(Connection sql, int maxSeconds) throws Exception {
            long start = System.nanoTime();
            long first = pending(sql);
            long left = first;
            while (left > 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(maxSeconds)) {
                Thread.sleep(50);
                if (serverPending() > 0) {
                    continue;
                }
                left = pending(sql);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            double perSecond = first < 50 || millis < 200 ? Double.NaN : (first - left) * 1000.0 / millis;
            return new Drain(millis, left, left == 0, perSecond);
        }

        /** Events the server holds to process (its processing gauge), or -1 when it does not say. */
        private long serverPending() {
            try {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String line : metrics.split("\n")) {
                    if (line.startsWith("switchboard_webhooks_processing_pending")) {
                        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            } catch (Exception unreadable) {
                // fall back to counting the inbox
            }
            return -1;
        }

        private String processingDelays(Connection sql) throws SQLException {
            if (sql == null) {
                return "n/a";
            }
            try (var st = sql.createStatement(); ResultSet rs = st.executeQuery("""
                    select percentile_cont(0.5) within group (order by d), percentile_cont(0.99) within group (order by d), max(d)
                    from (select extract(epoch from processed_at - received_at) * 1000 as d from webhook_inbox
                          where provider_call_id like 'call_r%' and processed_at is not null) x""")) {
                rs.next();
                return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms", rs.getDouble(1), rs.getDouble(2),
                        rs.getDouble(3));
            }
        }

        private void writeReport(Outcome noopMax, Outcome hookMax, Outcome steady, double ratio, long stored, Drain lag,
                                 Drain saturationDrain, long backlogMax, String delays, String heap) throws Exception {
            if (report == null) {
                return;
            }
            StringBuilder b = new StringBuilder();
            b.append("| phase | 2xx/s | other answers | errors | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|---|---|\n");
            for (Outcome o : List.of(noopMax, hookMax, steady)) {
                b.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %d | %s | %s | %s | %s |%n", o.name(), o.okPerSecond(),
                        o.others(), o.errors(), ms(o.latency().percentile(50)), ms(o.latency().percentile(90)),
                        ms(o.latency().percentile(99)), ms(o.latency().max())));
            }
            b.append(String.format(Locale.ROOT, """

                    - load generator: %s on the same machine
                    - webhook/no-op saturation ratio: **%.2f** (goal ≥ 0.3), %d concurrent senders, %d s each
                    - steady %d/s for %d s: %d of %d planned requests accepted (204), %d new rows in the inbox, p99 **%s** (goal ≤ 50 ms)
                    - processing lag (end of load until every event processed): **%s**; largest backlog during the load: %d; \
                    receipt-to-processed per event: %s; after the saturation phase: %s
                    - heap during the run: %s
                    """, wrk ? "wrk 4 (" + connections + " connections at the fixed rate)" : "JDK HttpClient",
                    ratio, concurrency, saturationSeconds, rate, seconds, steady.ok(), (long) rate * seconds, stored,
                    ms(steady.latency().percentile(99)), lag, backlogMax, delays, saturationDrain, heap));
            java.nio.file.Files.writeString(java.nio.file.Path.of(report), b.toString());
        }

        private long pending(Connection sql) throws SQLException {
            return sql == null ? 0 : count(sql, "select count(*) from webhook_inbox where status in ('received', 'failed')");
        }

        /**
         * Samples the unprocessed backlog every 250 ms while the steady load runs: what the server
         * holds to process (its gauge), the inbox count only when the server does not say.
         */
        private final class BacklogSampler implements AutoCloseable {
            volatile long max;
            private volatile boolean running = true;
            private final Thread thread;

            BacklogSampler(Connection sql) {
                thread = Thread.ofVirtual().start(() -> {
                    while (running && sql != null) {
                        try {
                            long held = serverPending();
                            if (held < 0) {
                                synchronized (sql) {
                                    held = pending(sql);
                                }
                            }
                            max = Math.max(max, held);
                            Thread.sleep(250);
                        } catch (Exception stop) {
                            return;
                        }
                    }
                });
            }

            @Override
            public void close() throws InterruptedException {
                running = false;
                thread.join();
            }
        }
    }

    static long count(Connection sql, String query) throws SQLException {
        if (sql == null) {
            return 0;
        }
        synchronized (sql) {
            try (var st = sql.createStatement(); ResultSet rs = st.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ------------------------------------------------------------------ single-call API

    static final class CallsBench {
        private final boolean wrk;
        private final int warmup;
        private final int connections;
        private final String base;
        private final int rate;
        private final int seconds;
        private final String report;
        private final String jstat;

        CallsBench(Options o) {
            base = o.text("base", "http://127.0.0.1:18180");
            rate = o.number("rate", 200);
            seconds = o.number("seconds", 20);
            report = o.text("report", null);
            jstat = o.text("jstat", null);
            wrk = !"jdk".equals(o.text("engine", "wrk")) && Wrk.available();
            connections = o.number("connections", 128);
            warmup = o.number("warmup", 30);
        }

        /** Lets the warm-up's busy calls end and their webhooks be processed before measuring. */
        private static void settle() throws InterruptedException {
            System.out.println("warm-up done; 10 s for its calls to end…");
            Thread.sleep(10_000);
        }

        void run() throws Exception {
            Organization org = Organization.prepare(base, 1);
            System.out.println("organization " + org.id() + " calling from " + org.number());
            IntFunction<String> json = i -> "{\"to\":\"(415) 555-0001\",\"variables\":{\"first_name\":\"Caller " + i + "\"}}";
            // Warm-up calls go to the sandbox's busy number: the same request path, but each call ends
            // within seconds, so the measured phase does not also carry the warm-up's calls ending
            // (with transcripts and analyses) one to three minutes later.
            IntFunction<String> warmJson = i -> "{\"to\":\"(415) 555-0004\",\"variables\":{\"first_name\":\"Caller " + i + "\"}}";
            Requests start = i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/calls")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("X-Api-Key", org.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(json.apply(i)))
                    .build();
            Requests warmStart = i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/calls")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("X-Api-Key", org.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(warmJson.apply(i)))
                    .build();
            {
                // The JIT compiles the request path for tens of seconds: a short warm-up measures the compiler.
                System.out.println("warm-up: " + warmup + " s at " + Math.max(1, rate / 2) + "/s…");
                String name = "POST /api/v1/calls at " + rate + "/s";
                Outcome steady;
                if (wrk) {
                    IntFunction<byte[]> body = i -> json.apply(i).getBytes(StandardCharsets.UTF_8);
                    int warm = Math.max(1, rate / 2);
                    IntFunction<byte[]> warmBody = i -> warmJson.apply(i).getBytes(StandardCharsets.UTF_8);
                    Wrk.run("warm-up", base + "/api/v1/calls", Wrk.requests(warm * warmup * 2 + 100, warmBody, b -> org.apiKey()),
                            connections, warmup, warm, "X-Api-Key");
                    settle();
                    steady = Wrk.run(name, base + "/api/v1/calls", Wrk.requests(rate * seconds * 2 + 1000, body, b -> org.apiKey()),
                            connections, seconds, rate, "X-Api-Key");
                } else {
                    fixedRate("warm-up", Math.max(1, rate / 2), warmup, 512, warmStart);
                    settle();
                    steady = fixedRate(name, rate, seconds, 512, start);
                }
                System.out.println((wrk ? "[wrk] " : "[jdk] ") + steady.line());
                if (steady.firstFailure() != null) {
                    System.out.println("first failure: " + steady.firstFailure());
                }
                String heapLine = heap(jstat);
                System.out.println("heap during the run: " + heapLine);
                if (report != null) {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(report), String.format(Locale.ROOT, """
                            | phase | 2xx/s | other answers | errors | p50 | p90 | p99 | max |
                            |---|---|---|---|---|---|---|---|
                            | %s | %.0f | %s | %d | %s | %s | %s | %s |

                            - p99 **%s** at %d/s for %d s (goal ≤ 50 ms); heap during the run: %s
                            """, steady.name(), steady.okPerSecond(), steady.others(), steady.errors(),
                            ms(steady.latency().percentile(50)), ms(steady.latency().percentile(90)),
                            ms(steady.latency().percentile(99)), ms(steady.latency().max()), ms(steady.latency().percentile(99)),
                            rate, seconds, heapLine));
                }
            }
        }
    }

    // ------------------------------------------------------------------ dialer

    /**
     * A pacer campaign on the sandbox: uploads a list of {@code size} distinct numbers, starts a
     * campaign of one attempt per contact at {@code concurrency}, samples the calls in flight
     * (the dialer's own count in the database and the sandbox's active calls, every 50 ms) until
     * it completes, then checks that every contact was dialed once and the statistics add up.
     * The server's CPU time comes from /proc/PID/stat (user + system) from start to completion.
     */
    static final class DialerBench {
        private final String base;
        private final String db;
        private final String sandbox;
        private final long pid;
        private final long sandboxPid;
        private final int size;
        private final int concurrency;
        private final String report;

        DialerBench(Options o) {
            base = o.text("base", "http://127.0.0.1:18180");
            db = o.text("db", null);
            sandbox = o.text("sandbox", null);
            pid = Long.parseLong(o.text("pid", "0"));
            sandboxPid = Long.parseLong(o.text("sandbox-pid", "0"));
            size = o.number("size", 100_000);
            concurrency = o.number("concurrency", 50);
            report = o.text("report", null);
        }

        void run() throws Exception {
            Organization org = Organization.prepare(base, 1);
            String[] auth = {"Authorization", "Bearer " + org.accessToken()};
            String listId = uploadList(auth);
            // Calling hours (on by default, 08:00-21:00 in the callee's zone) would hold a run at night in Los Angeles.
            call("PUT", base + "/api/v1/campaign-compliance", "{\"callingHoursEnabled\":false}", 200, auth);
            String campaignId = field(call("POST", base + "/api/v1/campaigns", """
                    {"name":"Dialer bench","agentId":"%s","contactListId":"%s","concurrency":%d,"maxAttempts":1}"""
                    .formatted(org.agentIds().get(0), listId, concurrency), 201, auth), "id");
            try (Connection sql = DriverManager.getConnection(db)) {
                long cpuBefore = cpuMillis();
                CpuShares sharesBefore = CpuShares.read(base, sql, sandboxPid);
                long start = System.nanoTime();
                call("POST", base + "/api/v1/campaigns/" + campaignId + "/start", null, 200, auth);
                // A large campaign outlasts the access token: its progress and results are read with the API key.
                auth = new String[] {"X-Api-Key", org.apiKey()};
                long[] peaks = new long[2];
                long[] violations = new long[2];
                long samples = 0;
                String status = "processing";
                long lastPrint = start;
                while (!status.equals("completed") && !status.equals("failed") && !status.equals("cancelled")) {
                    long inFlight = count(sql, "select count(*) from campaign_attempts where campaign_id = '" + campaignId
                            + "' and state in ('dialing', 'in_call')");
                    String c = call("GET", sandbox + "/get-concurrency", null, 200, "Authorization", "Bearer sandbox-platform-key");
                    long active = Long.parseLong(c.replaceAll(".*\"current_concurrency\"\\s*:\\s*(\\d+).*", "$1"));
                    samples++;
                    long[] seen = {inFlight, active};
                    for (int i = 0; i < 2; i++) {
                        peaks[i] = Math.max(peaks[i], seen[i]);
                        violations[i] += seen[i] > concurrency ? 1 : 0;
                    }
                    Thread.sleep(50);
                    if (samples % 10 == 0) {
                        status = field(call("GET", base + "/api/v1/campaigns/" + campaignId, null, 200, auth), "status");
                    }
                    if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
                        lastPrint = System.nanoTime();
                        System.out.printf(Locale.ROOT, "%.0f s: %d done, %d in flight, sandbox %d active%n",
                                (lastPrint - start) / 1e9, count(sql, "select count(*) from campaign_attempts where campaign_id = '"
                                        + campaignId + "' and state not in ('pending', 'dialing', 'in_call')"), inFlight, active);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long cpu = cpuMillis() - cpuBefore;
                String shares = CpuShares.read(base, sql, sandboxPid).since(sharesBefore, cpu, size);
                String campaign = call("GET", base + "/api/v1/campaigns/" + campaignId, null, 200, auth);
                String stats = call("GET", base + "/api/v1/campaigns/" + campaignId + "/stats", null, 200, auth);
                long attempts = count(sql, "select count(*) from campaign_attempts where campaign_id = '" + campaignId + "'");
                long contacts = count(sql, "select count(distinct contact_id) from campaign_attempts where campaign_id = '" + campaignId + "'");
                long calls = count(sql, "select count(*) from calls where campaign_id = '" + campaignId + "'");
                long calledTwice = count(sql, "select count(*) from (select contact_id from calls where campaign_id = '"
                        + campaignId + "' group by contact_id having count(*) > 1) t");
                long exportRows = exportRows(campaignId, auth);
                Thread.sleep(3000); // the completion mail is written by a job after the campaign completes
                long mails = count(sql, "select count(*) from mail_outbox where subject_organization_id = '" + org.id()
                        + "' and template like '%campaign%' and status in ('captured', 'sent')");
                String total = campaign.replaceAll("(?s).*\"total\"\\s*:\\s*(\\d+).*", "$1");
                String processed = campaign.replaceAll("(?s).*\"processed\"\\s*:\\s*(\\d+).*", "$1");
                String totalCalls = stats.replaceAll("(?s).*\"totalCalls\"\\s*:\\s*(\\d+).*", "$1");
                String summary = String.format(Locale.ROOT, """
                        | contacts | concurrency | status | wall time | calls/s | server CPU per call | peak in flight (dialer / sandbox) | violations (dialer / sandbox, of %d samples) |
                        |---|---|---|---|---|---|---|---|
                        | %d | %d | %s | %.1f s | %.1f | %.2f ms | %d / %d | %d / %d |

                        - progress total %s, processed %s; attempts %d for %d distinct contacts; %d calls recorded (stats totalCalls %s), %d contacts called more than once
                        - export CSV: %d data rows; campaign e-mails in the outbox (started and completed): %d
                        - server CPU: %.1f s user + system from start to completion (the whole process: pacer, call placement, %swebhook ingestion and processing; PostgreSQL's CPU not included)
                        """, samples, size, concurrency, status, seconds, size / seconds, (double) cpu / size, peaks[0], peaks[1],
                        violations[0], violations[1], total, processed, attempts, contacts, calls, totalCalls, calledTwice,
                        exportRows, mails, cpu / 1000.0,
                        sandboxPid > 0 ? "" : "the in-process sandbox's simulation and webhooks, ") + shares;
                System.out.print(summary);
                if (report != null) {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(report), summary);
                }
            }
        }

        /** Distinct valid US numbers, none a sandbox test number or a test pattern (555). */
        private String uploadList(String[] auth) throws Exception {
            StringBuilder csv = new StringBuilder("phone_number,crm_id,first_name\r\n");
            for (int i = 0; i < size; i++) {
                csv.append(String.format(Locale.ROOT, "+1415%03d%04d,CRM%d,Caller %d\r\n", 200 + i / 9_000, 1000 + i % 9_000, i, i));
            }
            String boundary = "bench" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nDialer bench\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dialer.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    + csv + "\r\n--" + boundary + "--\r\n";
            HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/contact-lists"))
                    .header(auth[0], auth[1]).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (upload.statusCode() != 202) {
                throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
            }
            String id = field(upload.body(), "id");
            while (true) {
                String list = call("GET", base + "/api/v1/contact-lists/" + id, null, 200, auth);
                String status = field(list, "status");
                if ("ready".equals(status)) {
                    System.out.println("contact list ready: " + list.replaceAll("(?s).*(\"acceptedCount\"\\s*:\\s*\\d+).*", "$1"));
                    return id;
                }
                if ("failed".equals(status)) {
                    throw new IllegalStateException("import failed: " + list);
                }
                Thread.sleep(200);
            }
        }

        private long exportRows(String campaignId, String[] auth) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> export = HTTP.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/campaigns/" + campaignId + "/export.csv")).header(auth[0], auth[1])
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofLines());
            // Rows are counted by record, not by line: a quoted value may hold a line break.
            long rows = 0;
            boolean quoted = false;
            for (String line : (Iterable<String>) export.body()::iterator) {
                for (int i = 0; i < line.length(); i++) {
                    quoted ^= line.charAt(i) == '"';
                }
                rows += quoted ? 0 : 1;
            }
            return rows - 1;
        }

        private long cpuMillis() throws java.io.IOException {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
        }
    }

    /**
     * Where the server's CPU went, read before and after a run: the CPU time of units of work the
     * server measures on the thread that does them ({@code switchboard_work_cpu_seconds} on
     * /actuator/prometheus: the pacer's runs and the settlement of ended calls), the rest of its
     * Java threads' CPU by role ({@code switchboard_threads_cpu_seconds_total}, with the bench flag),
     * the standalone sandbox's process (/proc), and the PostgreSQL backends serving the run's
     * database (/proc, found in pg_stat_activity, the load generator's own connection left out).
     */
    record CpuShares(Map<String, Double> work, Map<String, Double> workCounts, Map<String, Double> roles,
                     long sandboxMillis, Map<Long, Long> backendTicks) {
        private static final Pattern METRIC = Pattern.compile(
                "^switchboard_(work_cpu_seconds_sum|work_cpu_seconds_count|threads_cpu_seconds_total)\\{[^}]*?(?:work|role)=\"([^\"]+)\"[^}]*}\\s+(\\S+)$");

        static CpuShares read(String base, Connection sql, long sandboxPid) throws Exception {
            Map<String, Double> work = new TreeMap<>(), counts = new TreeMap<>(), roles = new TreeMap<>();
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(Duration.ofSeconds(30))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.split("\n")) {
                Matcher m = METRIC.matcher(line);
                if (m.matches()) {
                    (m.group(1).endsWith("sum") ? work : m.group(1).endsWith("count") ? counts : roles)
                            .merge(m.group(2), Double.parseDouble(m.group(3)), Double::sum);
                }
            }
            Map<Long, Long> backends = new HashMap<>();
            try (var rs = sql.createStatement().executeQuery(
                    "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    long ticks = ticks(rs.getLong(1));
                    if (ticks >= 0) {
                        backends.put(rs.getLong(1), ticks);
                    }
                }
            }
            return new CpuShares(work, counts, roles, sandboxPid > 0 ? ticks(sandboxPid) * 10 : -1, backends);
        }

        /** utime + stime of a process in clock ticks (USER_HZ 100), -1 when it is gone. */
        static long ticks(long pid) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }

        private static double delta(Map<String, Double> after, Map<String, Double> before, String key) {
            return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
        }

        /** A Markdown fragment: the figures per call between {@code before} and this reading. */
        String since(CpuShares before, long serverMillis, int calls) {
            if (roles.isEmpty()) {
                return "- CPU by role: not available (the server exposes switchboard_threads_cpu_seconds only with the bench flag)\n";
            }
            boolean external = sandboxMillis >= 0;
            double pacer = delta(work, before.work, "campaign-pacer") * 1000;
            double settlement = delta(work, before.work, "campaign-settlement") * 1000;
            double providerHttp = delta(roles, before.roles, "provider-http") * 1000;
            // With the sandbox in the server, the JDK HttpClient threads also serve its webhook sender.
            double httpClients = delta(roles, before.roles, "http-clients") * 1000;
            double dispatch = pacer + settlement + providerHttp + (external ? httpClients : 0);
            double ingestion = (delta(roles, before.roles, "http-requests") + delta(roles, before.roles, "webhook-inbox")) * 1000;
            double processing = delta(roles, before.roles, "webhook-processing") * 1000;
            double jobs = delta(roles, before.roles, "jobs") * 1000;
            double sandboxThreads = delta(roles, before.roles, "sandbox") * 1000;
            double other = delta(roles, before.roles, "other") * 1000 + (external ? 0 : httpClients);
            double javaThreads = pacer + settlement + providerHttp + httpClients + ingestion + processing + jobs + sandboxThreads
                    + delta(roles, before.roles, "other") * 1000;
            double sandbox = external ? sandboxMillis - before.sandboxMillis : sandboxThreads;
            long postgres = 0;
            for (Map.Entry<Long, Long> backend : backendTicks.entrySet()) {
                postgres += backend.getValue() - before.backendTicks.getOrDefault(backend.getKey(), 0L);
            }
            postgres *= 10;
            double runs = delta(workCounts, before.workCounts, "campaign-pacer");
            double settled = delta(workCounts, before.workCounts, "campaign-settlement");
            return String.format(Locale.ROOT, """

                    | CPU per call | dispatch (goal ≤ 2 ms) | pacer runs | settlement | provider HTTP client | webhook ingestion | webhook processing | job scheduler and other jobs | sandbox%s | other Java threads | GC, JIT, VM | whole server JVM | PostgreSQL |
                    |---|---|---|---|---|---|---|---|---|---|---|---|---|
                    | ms | **%.3f** | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |

                    - dispatch = the pacer's runs (claiming, placing each call, scheduling the next run) and the settlement of ended calls, each measured with the CPU clock of the thread that ran it, plus the provider HTTP client's threads%s; %.0f pacer runs (%.1f calls each), %.0f settlements
                    - webhook ingestion = HTTP request threads (virtual threads, counted on their carriers%s) and the inbox writers; webhook processing = its workers less the settlement measured on them; GC, JIT, VM = the whole process less its Java threads
                    - sandbox: %s
                    - PostgreSQL: user + system time of the backends serving the run's database (%d at the end; background processes shared with other databases not counted)
                    """, external ? " (own process)" : " (in the server)", dispatch / calls, pacer / calls, settlement / calls,
                    (providerHttp + (external ? httpClients : 0)) / calls, ingestion / calls, processing / calls, jobs / calls,
                    sandbox / calls, other / calls, (serverMillis - javaThreads) / calls, (double) serverMillis / calls,
                    (double) postgres / calls,
                    external ? " and the JDK HttpClient's selector threads" : " (the JDK HttpClient's selector threads left out: the embedded sandbox's webhook sender shares them)",
                    runs, runs > 0 ? calls / runs : 0, settled,
                    external ? ", and the load generator's polling" : ", the embedded sandbox's virtual threads and the load generator's polling",
                    external ? "the standalone sandbox process's user + system time (simulation, its API, its webhook deliveries)"
                            : "in the server, only its timer thread could be told apart (its API and webhook sender run on virtual threads, counted with ingestion); run with the standalone sandbox for the figure",
                    backendTicks.size());
        }
    }

    // ------------------------------------------------------------------ live events

    /**
     * Live updates: many organizations, each with many SSE subscribers on {@code /api/v1/events}
     * (one HTTP/1.1 connection per subscriber, read asynchronously: no thread per stream), while
     * sandbox calls in every organization publish {@code call-changed} events. Measures delivery
     * latency from the event's {@code createdAt} (when its transaction stored it) to its receipt,
     * counts events a subscriber got about another organization's calls (must be 0) and
     * deliveries that never arrived.
     */
    static final class LiveBench {
        private static final Pattern CALL_ID = Pattern.compile("\"callId\"\\s*:\\s*\"([^\"]+)\"");
        private static final Pattern EVENT_ID = Pattern.compile("^data:\\s?\\{\"id\":(\\d+)");
        private static final Pattern CREATED = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"");
        private final String base;
        private final int organizations;
        private final int subscribers;
        private final int callsPerOrganization;
        private final int seconds;
        private final String report;
        private final String jstat;
        private final Histogram latency = new Histogram();
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong crossOrganization = new AtomicLong();
        private final AtomicLong unattributed = new AtomicLong();
        private final AtomicLong lastReceipt = new AtomicLong();
        /** Switchboard call id to the index of the organization that placed it. */
        private final Map<String, Integer> callOwners = new ConcurrentHashMap<>();
        /** Per organization, the distinct event ids its subscribers saw. */
        private final List<Set<Long>> eventIds = new ArrayList<>();
        /** Every delivery: the subscriber's organization index and the event's call id. */
        private final Queue<String[]> deliveries = new ConcurrentLinkedQueue<>();

        LiveBench(Options o) {
            base = o.text("base", "http://127.0.0.1:18180");
            organizations = o.number("organizations", 50);
            subscribers = o.number("subscribers", 40);
            callsPerOrganization = o.number("calls", 4);
            seconds = o.number("seconds", 20);
            report = o.text("report", null);
            jstat = o.text("jstat", null);
        }

        void run() throws Exception {
            long preparing = System.nanoTime();
            List<Organization> orgs = prepareAll();
            System.out.printf(Locale.ROOT, "%d organizations ready in %.1f s%n", orgs.size(), (System.nanoTime() - preparing) / 1e9);
            for (int i = 0; i < orgs.size(); i++) {
                eventIds.add(ConcurrentHashMap.newKeySet());
            }

            CountDownLatch connected = new CountDownLatch(orgs.size() * subscribers);
            AtomicLong refused = new AtomicLong();
            long opening = System.nanoTime();
            for (int o = 0; o < orgs.size(); o++) {
                int organization = o;
                for (int s = 0; s < subscribers; s++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events?channels=calls"))
                            .header("X-Api-Key", orgs.get(o).apiKey()).header("Accept", "text/event-stream").GET().build();
                    HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Stream(organization, connected)))
                            .whenComplete((response, failure) -> {
                                if (failure != null || response.statusCode() != 200) {
                                    refused.incrementAndGet();
                                    connected.countDown();
                                }
                            });
                }
            }
            if (!connected.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(connected.getCount() + " subscribers not connected after 120 s");
            }
            System.out.printf(Locale.ROOT, "%d subscribers connected in %.1f s (%d refused)%n", orgs.size() * subscribers,
                    (System.nanoTime() - opening) / 1e9, refused.get());
            if (refused.get() > 0) {
                throw new IllegalStateException(refused.get() + " subscribers were refused");
            }

            int total = orgs.size() * callsPerOrganization;
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(seconds) / Math.max(1, total);
            AtomicLong failedCalls = new AtomicLong();
            List<java.util.concurrent.CompletableFuture<?>> placing = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                int organization = i % orgs.size();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/calls")).timeout(TIMEOUT)
                        .header("Content-Type", "application/json").header("X-Api-Key", orgs.get(organization).apiKey())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"to\":\"(415) 555-0001\",\"variables\":{\"first_name\":\"Live " + i + "\"}}"))
                        .build();
                placing.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 201) {
                        failedCalls.incrementAndGet();
                    } else {
                        callOwners.put(field(response.body(), "id"), organization);
                    }
                }));
            }
            for (var call : placing) {
                call.exceptionally(e -> null).join();
            }
            System.out.printf(Locale.ROOT, "%d calls placed in %.1f s (%d failed); waiting for their events…%n", total,
                    (System.nanoTime() - start) / 1e9, failedCalls.get());
            // Calls run on in the sandbox; wait until events stop coming (10 s of quiet, at most 3 min).
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            lastReceipt.set(System.nanoTime());
            while (System.nanoTime() - lastReceipt.get() < TimeUnit.SECONDS.toNanos(10) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            for (String[] event; (event = deliveries.poll()) != null; ) {
                attribute(Integer.parseInt(event[0]), event[1]);
            }
            long expected = 0;
            long distinct = 0;
            for (Set<Long> ids : eventIds) {
                distinct += ids.size();
                expected += (long) ids.size() * subscribers;
            }
            long missed = expected - received.get();
            String heapLine = heap(jstat);
            String line = String.format(Locale.ROOT, "%d orgs × %d subscribers, %d calls: %d events, %d deliveries (%d missed), "
                            + "p50 %s  p90 %s  p99 %s  max %s, cross-organization %d, unattributed %d",
                    orgs.size(), subscribers, total, distinct, received.get(), missed, ms(latency.percentile(50)),
                    ms(latency.percentile(90)), ms(latency.percentile(99)), ms(latency.max()), crossOrganization.get(),
                    unattributed.get());
            System.out.println(line);
            System.out.println("heap during the run: " + heapLine);
            if (report != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(report), String.format(Locale.ROOT, """
                        | subscribers | calls placed | events | deliveries | missed | p50 | p90 | p99 | max | cross-organization |
                        |---|---|---|---|---|---|---|---|---|---|
                        | %d (%d orgs × %d) | %d (%d failed) | %d | %d | %d | %s | %s | %s | %s | %d |

                        - p99 **%s** from publish to receipt (goal ≤ 200 ms), cross-organization deliveries **%d** (goal 0); heap during the run: %s
                        """, orgs.size() * subscribers, orgs.size(), subscribers, total, failedCalls.get(), distinct, received.get(),
                        missed, ms(latency.percentile(50)), ms(latency.percentile(90)), ms(latency.percentile(99)),
                        ms(latency.max()), crossOrganization.get(), ms(latency.percentile(99)), crossOrganization.get(), heapLine));
            }
        }

        /** Signs up the organizations, eight at a time, each from its own address. */
        private List<Organization> prepareAll() throws Exception {
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<Organization>> futures = new ArrayList<>();
                for (int i = 0; i < organizations; i++) {
                    String visitor = "10.77." + (i / 250) + "." + (i % 250 + 1);
                    futures.add(pool.submit(() -> {
                        // A connection refused while many open at once is retried; a real failure repeats.
                        for (int attempt = 1; ; attempt++) {
                            try {
                                return Organization.prepare(base, 1, visitor);
                            } catch (java.io.IOException e) {
                                if (attempt == 3) {
                                    throw e;
                                }
                                Thread.sleep(500);
                            }
                        }
                    }));
                }
                List<Organization> orgs = new ArrayList<>();
                for (var future : futures) {
                    orgs.add(future.get());
                }
                return orgs;
            }
        }

        private void delivered(int organization, String data, long receivedMicros) {
            lastReceipt.set(System.nanoTime());
            Matcher id = EVENT_ID.matcher(data);
            Matcher created = CREATED.matcher(data);
            Matcher call = CALL_ID.matcher(data);
            if (!id.find() || !created.find() || !call.find()) {
                return; // not a call-changed event (replay-truncated, for example)
            }
            received.incrementAndGet();
            eventIds.get(organization).add(Long.parseLong(id.group(1)));
            java.time.Instant at = java.time.Instant.parse(created.group(1));
            latency.record(receivedMicros - (at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000));
            // Checked at the end: an event can arrive before the POST that placed its call has answered.
            deliveries.add(new String[] {Integer.toString(organization), call.group(1)});
        }

        /** Counts the event as cross-organization when its call was placed by another organization. */
        private void attribute(int organization, String callId) {
            Integer owner = callOwners.get(callId);
            if (owner == null) {
                unattributed.incrementAndGet();
            } else if (owner != organization) {
                crossOrganization.incrementAndGet();
            }
        }

        /** One subscriber's stream, read line by line as the bytes arrive. */
        private final class Stream implements Flow.Subscriber<String> {
            private final int organization;
            private final CountDownLatch connected;
            private boolean open;

            Stream(int organization, CountDownLatch connected) {
                this.organization = organization;
                this.connected = connected;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (line.startsWith("data:")) {
                    java.time.Instant now = java.time.Instant.now();
                    delivered(organization, line, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
                } else if (!open && line.startsWith(":connected")) {
                    open = true;
                    connected.countDown();
                }
            }

            @Override
            public void onError(Throwable throwable) {
                if (!open) {
                    open = true;
                    connected.countDown();
                }
            }

            @Override
            public void onComplete() {
            }
        }
    }
}
