import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Contact import, end to end, against a running server: generates a realistic CSV (phone number
 * in assorted formats, crm_id, name, three variables, about 2 % invalid rows and 0.5 % duplicates),
 * uploads it through the API, and waits until the list is ready (parse, normalize, validate,
 * store). Then copies the same file with a raw PostgreSQL COPY into a similar table and prints
 * both times and their ratio.
 *
 *   java -cp postgresql.jar bench/import/ImportBench.java http://127.0.0.1:18080 jdbc:postgresql://… rows
 */
public class ImportBench {

    private static final Pattern STRING = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        int rows = Integer.parseInt(args[2]);
        Path csv = Files.createTempFile("contacts-bench-", ".csv");
        try {
            long generated = generate(csv, rows, new Random(42));
            System.out.printf("generated %,d rows, %,d bytes%n", rows, generated);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String token = signUp(http, base);
            long start = System.nanoTime();
            String listId = upload(http, base, token, csv);
            long uploaded = System.nanoTime();
            String list = awaitReady(http, base, token, listId);
            long ready = System.nanoTime();
            double importSeconds = (ready - start) / 1e9;
            System.out.printf("import end to end: %.1f s (upload %.1f s, background import %.1f s): accepted %s, rejected %s, "
                            + "duplicates %s%n", importSeconds, (uploaded - start) / 1e9, (ready - uploaded) / 1e9,
                    number(list, "acceptedCount"), number(list, "rejectedCount"), number(list, "duplicateCount"));
            double copySeconds = rawCopy(jdbc, csv);
            System.out.printf("raw COPY of the same rows: %.1f s%n", copySeconds);
            System.out.printf("ratio raw COPY / import: %.2f%n", copySeconds / importSeconds);
            System.out.printf("RESULT rows=%d import_s=%.1f copy_s=%.1f ratio=%.2f%n", rows, importSeconds, copySeconds,
                    copySeconds / importSeconds);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    static long generate(Path file, int rows, Random random) throws IOException {
        String[] first = {"Ann", "Bob", "Chloé", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "José"};
        String[] last = {"Lee", "Smith", "Núñez", "Okafor", "Patel", "Quinn", "Rossi", "Sato", "Tran", "Weber"};
        String[] plans = {"Consultation", "Follow-up", "Renewal", "Onboarding"};
        String[] areas = {"212", "213", "206", "303", "305", "312", "404", "415", "512", "602", "617", "619", "646", "650",
                "702", "713", "718", "773", "818", "917"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("phone_number,crm_id,name,appointment_type,callback_time,notes\r\n");
            for (int i = 0; i < rows; i++) {
                long line = 2_000_000L + i;
                String area = areas[i % areas.length];
                String local = String.format("%03d%04d", 200 + (int) (line / 10_000 % 800), line % 10_000);
                String phone = switch (i % 4) {
                    case 0 -> "+1" + area + local;
                    case 1 -> "(" + area + ") " + local.substring(0, 3) + "-" + local.substring(3);
                    case 2 -> area + "-" + local.substring(0, 3) + "-" + local.substring(3);
                    default -> area + local;
                };
                int roll = random.nextInt(1000);
                if (roll < 10) {
                    phone = "+1555" + local; // a test pattern
                } else if (roll < 20) {
                    phone = "12345";
                } else if (roll < 25 && i > 0) {
                    phone = "+1" + areas[(i - 1) % areas.length] + String.format("%03d%04d", 200 + (int) ((line - 1) / 10_000 % 800), (line - 1) % 10_000);
                }
                String name = first[random.nextInt(first.length)] + " " + last[random.nextInt(last.length)];
                String notes = random.nextInt(10) == 0 ? "\"Prefers mornings, \"\"not\"\" Fridays\"" : "";
                out.write(phone + ",CRM" + i + "," + name + "," + plans[i % plans.length] + ",2026-12-"
                        + (1 + i % 28) + " 1" + (i % 8) + ":00," + notes + "\r\n");
            }
        }
        return Files.size(file);
    }

    static String signUp(HttpClient http, String base) throws Exception {
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String body = "{\"organizationName\":\"Import Bench\",\"fullName\":\"Bench Runner\",\"email\":\"" + email
                + "\",\"password\":\"correct horse battery staple\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/signup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        require(response, 201);
        return string(response.body(), "accessToken");
    }

    static String upload(HttpClient http, String base, String token, Path csv) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nBench list\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\nContent-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/contact-lists"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofString(tail)))
                .timeout(Duration.ofMinutes(5)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        require(response, 202);
        return string(response.body(), "id");
    }

    static String awaitReady(HttpClient http, String base, String token, String id) throws Exception {
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/contact-lists/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            require(response, 200);
            String status = string(response.body(), "status");
            if (status.equals("ready")) {
                return response.body();
            }
            if (status.equals("failed")) {
                throw new IllegalStateException("import failed: " + response.body());
            }
            Thread.sleep(100);
        }
    }

    /** COPY of the same file into a table shaped like contacts: uuid key, row number, the columns. */
    static double rawCopy(String jdbc, Path csv) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (var statement = connection.createStatement()) {
                statement.execute("drop table if exists bench_raw_contacts");
                statement.execute("""
                        create table bench_raw_contacts (
                            id uuid primary key default gen_random_uuid(),
                            row_number bigint generated always as identity,
                            phone_number text, crm_id text, name text, appointment_type text, callback_time text, notes text)""");
                statement.execute("create unique index on bench_raw_contacts (row_number)");
            }
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_raw_contacts (phone_number, crm_id, name, "
                        + "appointment_type, callback_time, notes) from stdin with (format csv, header true)", reader);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (var statement = connection.createStatement()) {
                statement.execute("drop table bench_raw_contacts");
            }
            return seconds;
        }
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + response.uri() + ": " + response.body());
        }
    }

    private static String string(String json, String field) {
        Matcher m = Pattern.compile(String.format(STRING.pattern(), field)).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }

    private static String number(String json, String field) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), field)).matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
