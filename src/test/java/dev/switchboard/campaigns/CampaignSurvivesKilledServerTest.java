package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.SandboxSettings;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.ServerProcess;
import dev.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The server dies mid-campaign ({@code kill -9}) while a standalone sandbox keeps its calls
 * going and retries their webhooks; a new server on the same database and port finishes the
 * campaign: every contact dialled exactly once (in the database and at the provider), none
 * skipped, the counters equal to the contacts, and every webhook the provider delivered stored
 * and processed.
 *
 * <p>Tagged {@code faults}: it starts two server JVMs and may wait for the dialer's watchdog
 * (an attempt claimed at the moment of the kill is given back after two minutes), so it runs with
 * {@code scripts/faults.sh}, not with the default {@code ./mvnw test}.
 */
@Tag("faults")
class CampaignSurvivesKilledServerTest {

    private static final int CONTACTS = 50;
    private static final int CONCURRENCY = 5;
    private static final String SANDBOX_KEY = "sandbox-platform-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ServerProcess> servers = new ArrayList<>();
    private SandboxServer sandbox;
    private String base;
    private String token;

    @AfterEach
    void stopEverything() {
        servers.forEach(ServerProcess::stop);
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void aCampaignWhoseServerIsKilledMidwayCompletesWithEachContactDialledOnce() throws Exception {
        TestDatabase database = TestDatabase.create();
        int port = ServerProcess.freePort();
        base = "http://localhost:" + port;
        // The provider outlives the server and retries its webhooks for minutes (1 s, 2 s, 4 s… twelve times), as Retell does.
        sandbox = new SandboxServer(SandboxSettings.defaults().withPort(0).withTimeScale(120).withSeed(7L)
                .withDefaultWebhookUrl(base + "/webhooks/retell").withConcurrencyLimit(50)
                .withWebhooks(new SandboxSettings.Webhooks(12, Duration.ofSeconds(1), Duration.ofSeconds(5))));
        sandbox.start();
        Path data = Files.createTempDirectory("switchboard-killed-data");
        List<String> arguments = List.of(
                "--switchboard.db.url=" + database.url(),
                "--switchboard.db.username=" + database.username(),
                // Shared by both servers, as by production nodes: the same token and encryption keys.
                "--switchboard.data-directory=" + data,
                "--switchboard.public-url=" + base,
                "--switchboard.jobs.poll-interval=200ms",
                // A contact claimed but not yet placed when the server died is due again after this.
                "--switchboard.dialer.stale-claim=10s",
                "--switchboard.sandbox.enabled=false",
                "--switchboard.sandbox.url=" + sandbox.baseUrl(),
                "--switchboard.sandbox.provision-numbers=true");
        ServerProcess first = start("killed-campaign-first", port, arguments);

        String campaignId = campaignReadyToStart();
        // A third of the calls take the provider 1.5 s to accept, so the kill can catch one on its
        // way: the provider places it after the server is gone, and only its webhooks tell.
        sandboxSend("POST", "/sandbox/faults", """
                {"faults": [{"type": "slow", "probability": 0.3, "path": "/v2/create-phone-call", "delay_ms": 1500}]}""");
        send("POST", "/api/v1/campaigns/" + campaignId + "/start", null, 200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() ->
                processed(database, campaignId) >= CONTACTS / 5 && placing(database, campaignId) > 0);
        first.kill();
        int processedAtKill = processed(database, campaignId);
        String atKill = "processed " + processedAtKill + ", attempts " + attemptStates(database, campaignId) + ", "
                + placing(database, campaignId) + " calls on their way to the provider";
        System.out.println("Server killed: " + atKill);
        assertThat(processedAtKill).as("contacts processed when the server died").isLessThan(CONTACTS);

        start("killed-campaign-second", port, arguments);
        // Long enough for the watchdog to give back an attempt claimed at the kill (stale after 2 min, checked every minute).
        JsonNode done = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> campaign(campaignId), c -> !"processing".equals(c.get("status").asString()));

        assertThat(done.get("status").asString()).as("after the kill (" + atKill + ")").isEqualTo("completed");
        JsonNode progress = done.get("progress");
        assertThat(progress.get("total").asInt()).isEqualTo(CONTACTS);
        assertThat(progress.get("processed").asInt()).isEqualTo(CONTACTS);
        assertThat(progress.get("completed").asInt()).isEqualTo(CONTACTS);
        assertThat(progress.get("failed").asInt()).isZero();
        assertThat(progress.get("skipped").asInt()).isZero();
        assertThat(attemptStates(database, campaignId)).isEqualTo("{done=" + CONTACTS + "}");

        Map<String, Long> recorded = database.owner().sql("select to_number from calls where campaign_id = ?::uuid")
                .param(campaignId).query(String.class).list().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        assertThat(recorded).as("calls recorded per number").hasSize(CONTACTS).allSatisfy((n, count) -> assertThat(count).isOne());
        List<JsonNode> providerCalls = providerCalls(campaignId);
        Map<String, Long> dialled = providerCalls.stream().map(c -> c.get("to_number").asString())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        assertThat(dialled).as("calls the provider placed per number").isEqualTo(recorded);

        // Every event the provider delivered is in the inbox and gets processed (the sweeper picks up
        // rows the killed server stored but never processed); the provider gave up on none.
        // The last analyses may still be on their way when the campaign completes.
        Set<String> delivered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> deliveredEvents(providerCalls), d -> d.size() == 3 * CONTACTS);
        Set<String> stored = new TreeSet<>(database.owner().sql("""
                        select provider_call_id || ' ' || event_type from webhook_inbox
                        where provider = 'retell' and provider_call_id = any (?)""")
                .param(providerCalls.stream().map(c -> c.get("call_id").asString()).toArray(String[]::new))
                .query(String.class).list());
        assertThat(stored).as("inbox rows of the campaign's calls").isEqualTo(delivered);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(database.owner().sql("select status, count(*) from webhook_inbox group by status")
                        .query((rs, row) -> rs.getString(1) + "=" + rs.getInt(2)).list())
                        .as("inbox rows by status").containsExactly("processed=" + stored.size()));
    }

    /** "call_id event" of each event the provider delivered; fails on one it gave up on. */
    private Set<String> deliveredEvents(List<JsonNode> calls) throws Exception {
        Set<String> delivered = new TreeSet<>();
        for (JsonNode call : calls) {
            String id = call.get("call_id").asString();
            for (JsonNode attempt : sandboxGet("/sandbox/calls/" + id + "/webhooks").get("deliveries")) {
                assertThat(attempt.get("outcome").asString()).as("delivery " + attempt).isIn("delivered", "retrying");
                if ("delivered".equals(attempt.get("outcome").asString())) {
                    delivered.add(id + " " + attempt.get("event").asString());
                }
            }
        }
        return delivered;
    }

    private ServerProcess start(String name, int port, List<String> arguments) {
        ServerProcess server = ServerProcess.start(name, port, arguments);
        servers.add(server);
        return server;
    }

    /**
     * Through the API as a user would: signs up, waits for the organization's sandbox number,
     * creates an outbound agent on it, turns calling hours off (the 415 numbers are in Los
     * Angeles, where it may be night), uploads the contact list and creates the campaign.
     */
    private String campaignReadyToStart() throws Exception {
        JsonNode signUp = send("POST", "/api/v1/auth/signup", Map.of("organizationName", "Restart Roofing",
                "fullName", "Ada Admin", "email", Api.uniqueEmail("admin"), "password", Api.PASSWORD), 201);
        token = signUp.get("accessToken").asString();
        String numberId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("GET", "/api/v1/phone-numbers", null, 200).get("items"), n -> n.size() == 1)
                .get(0).get("id").asString();
        String voice = send("GET", "/api/v1/agents/voices", null, 200).get("items").get(0).get("id").asString();
        String agentId = send("POST", "/api/v1/agents", Map.of("name", "Renewals", "type", "sales", "status", "active",
                "voiceId", voice, "promptTemplate", "You call {{first_name}} about their roof.",
                "beginMessage", "Hi {{first_name}}!"), 201).get("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                send("GET", "/api/v1/agents/" + agentId, null, 200).get("sync").get("status").asString(), "synced"::equals);
        send("PATCH", "/api/v1/phone-numbers/" + numberId, Map.of("outboundAgentId", agentId, "inboundAgentId", agentId), 204);
        send("PUT", "/api/v1/campaign-compliance", Map.of("callingHoursEnabled", false), 200);

        // Answered calls (the sandbox's 0001 numbers), one exchange each.
        String csv = "phone_number,crm_id,first_name\r\n" + IntStream.range(0, CONTACTS)
                .mapToObj(i -> "+1415%03d0001,crm-%d,Ann%d\r\n".formatted(600 + i, i, i)).collect(Collectors.joining());
        String listId = upload(csv).get("list").get("id").asString();
        JsonNode list = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                send("GET", "/api/v1/contact-lists/" + listId, null, 200).get("list"),
                l -> List.of("ready", "failed").contains(l.get("status").asString()));
        assertThat(list.get("acceptedCount").asInt()).as("the import: " + list).isEqualTo(CONTACTS);
        return send("POST", "/api/v1/campaigns", Map.of("name", "Roof renewals", "agentId", agentId, "contactListId", listId,
                "concurrency", CONCURRENCY, "maxAttempts", 1), 201).get("id").asString();
    }

    private JsonNode campaign(String id) throws Exception {
        return send("GET", "/api/v1/campaigns/" + id, null, 200);
    }

    private static int processed(TestDatabase database, String campaignId) {
        return database.owner().sql("select processed_count from campaigns where id = ?::uuid")
                .param(campaignId).query(Integer.class).single();
    }

    /** Calls recorded but not yet accepted by the provider: their placement is under way. */
    private static int placing(TestDatabase database, String campaignId) {
        return database.owner().sql("select count(*) from calls where campaign_id = ?::uuid and provider_call_id is null")
                .param(campaignId).query(Integer.class).single();
    }

    /** The campaign's attempts counted by state, e.g. {@code {dialing=1, done=12, in_call=4, pending=33}}. */
    private static String attemptStates(TestDatabase database, String campaignId) {
        return database.owner().sql("select state, count(*) from campaign_attempts where campaign_id = ?::uuid group by state")
                .param(campaignId).query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, TreeMap::new)).toString();
    }

    /** The calls of the campaign as the provider knows them (Retell's list-calls, by the metadata Switchboard sent). */
    private List<JsonNode> providerCalls(String campaignId) throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode call : sandboxSend("POST", "/v2/list-calls", "{\"limit\": 1000}")) {
            if (campaignId.equals(call.path("metadata").path("campaignId").asString(""))) {
                calls.add(call);
            }
        }
        return calls;
    }

    private JsonNode sandboxGet(String path) throws Exception {
        return sandboxSend("GET", path, null);
    }

    private JsonNode sandboxSend(String method, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + SANDBOX_KEY).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body());
    }

    private JsonNode upload(String csv) throws Exception {
        String boundary = "list" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nRoofs\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roofs.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + csv + "\r\n--" + boundary + "--\r\n";
        return answer(HttpRequest.newBuilder(URI.create(base + "/api/v1/contact-lists"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202);
    }

    private JsonNode send(String method, String path, Map<String, ?> json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Api.body(new HashMap<>(json))));
        }
        return answer(request, expected);
    }

    private JsonNode answer(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(request.build().method() + " " + request.build().uri() + ": expected HTTP " + expected
                    + " but got " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? Api.JSON.nullNode() : Api.JSON.readTree(response.body());
    }
}
