package dev.switchboard.campaigns;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * An organization ready to run campaigns on the embedded sandbox (a primary number with a synced
 * outbound agent), contact lists written straight into the database as an import leaves them,
 * and the campaign API.
 */
public final class CampaignFixture {

    /** The property set of the calls end-to-end tests, so every sandbox test shares one context. */
    public static final String[] SANDBOX = {
            "switchboard.sandbox.url=",
            "switchboard.sandbox.provision-numbers=true",
            "switchboard.sandbox.time-scale=120",
            "switchboard.sandbox.seed=7"};

    public final Api api;
    public final TestDatabase database;
    public final Api.Account admin;
    public final String agentId;

    private CampaignFixture(Api api, TestDatabase database, Api.Account admin, String agentId) {
        this.api = api;
        this.database = database;
        this.admin = admin;
        this.agentId = agentId;
    }

    /** Signs up an organization and makes it ready for outbound calls. */
    public static CampaignFixture readyToCall(Api api, TestDatabase database, String organizationName) {
        Api.Account admin = api.signUp(organizationName);
        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(() ->
                Api.json(api.perform(get("/api/v1/phone-numbers").with(admin.bearer())), 200).get("items"), n -> n.size() == 1).get(0);
        String voice = Api.json(api.perform(get("/api/v1/agents/voices").with(admin.bearer())), 200)
                .get("items").get(0).get("id").asString();
        String agentId = Api.json(api.perform(post("/api/v1/agents").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Renewals", "type", "sales", "status", "active", "voiceId", voice,
                        "promptTemplate", "You call {{first_name}} about the renewal of their policy.",
                        "beginMessage", "Hi {{first_name}}!")))), 201).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/agents/" + agentId)
                .with(admin.bearer())), 200).get("sync").get("status").asString(), "synced"::equals);
        Api.json(api.perform(patch("/api/v1/phone-numbers/" + number.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("outboundAgentId", agentId, "inboundAgentId", agentId)))), 204);
        return new CampaignFixture(api, database, admin, agentId);
    }

    /** A contact list, imported and ready, with one contact per number (first names Ann0, Ann1…). */
    public UUID contactList(List<String> numbers) {
        UUID list = UUID.randomUUID();
        database.owner().sql("""
                        insert into contact_lists (id, organization_id, name, file_format, status, total_count, accepted_count, columns)
                        values (?, ?, ?, 'csv', 'ready', ?, ?, '["phone_number", "first_name", "plan"]'::jsonb)""")
                .params(list, admin.organizationId(), "List " + list.toString().substring(0, 8), numbers.size(), numbers.size())
                .update();
        for (int i = 0; i < numbers.size(); i++) {
            database.owner().sql("""
                            insert into contacts (id, organization_id, contact_list_id, row_number, phone_number, crm_id, name, variables)
                            values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                    .params(UUID.randomUUID(), admin.organizationId(), list, i + 2, numbers.get(i), "crm-" + i, "Ann" + i,
                            Api.body(Map.of("first_name", "Ann" + i, "plan", i == 0 ? "=HYPERLINK(\"http://x\")" : "gold")))
                    .update();
        }
        return list;
    }

    /** Numbers that end in {@code suffix} (the sandbox's fixed outcomes), each in another exchange. */
    public static List<String> numbers(int count, String suffix) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "+14155%02d%s".formatted(10 + i, suffix)).toList();
    }

    public void callingRules(Map<String, Object> rules) {
        Api.json(api.perform(put("/api/v1/campaign-compliance").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(rules))), 200);
    }

    /** Calling hours of one hour that does not include now in Los Angeles (the zone of the 415 test numbers). */
    public void closeCallingHours() {
        int hour = java.time.ZonedDateTime.now(java.time.ZoneId.of("America/Los_Angeles")).getHour();
        callingRules(hour < 12 ? Map.of("callingHoursEnabled", true, "callingHoursStart", "20:00", "callingHoursEnd", "21:00")
                : Map.of("callingHoursEnabled", true, "callingHoursStart", "02:00", "callingHoursEnd", "03:00"));
    }

    public MvcResult create(Map<String, Object> body) {
        return api.perform(post("/api/v1/campaigns").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(new HashMap<>(body))));
    }

    /** Creates a campaign over {@code list} with the given settings on top of sensible ones. */
    public String campaign(UUID list, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Campaign " + UUID.randomUUID().toString().substring(0, 8),
                "agentId", agentId, "contactListId", list.toString(), "concurrency", 3));
        body.putAll(settings);
        return Api.json(create(body), 201).get("id").asString();
    }

    public MvcResult action(String campaignId, String action, Api.Account who) {
        return api.perform(post("/api/v1/campaigns/" + campaignId + "/" + action).with(who.bearer()));
    }

    public JsonNode read(String campaignId) {
        return Api.json(api.perform(get("/api/v1/campaigns/" + campaignId).with(admin.bearer())), 200);
    }

    public JsonNode awaitStatus(String campaignId, String status, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> read(campaignId),
                c -> status.equals(c.get("status").asString()));
    }

    /** Calls the campaign placed to {@code number}. */
    public int callsTo(String campaignId, String number) {
        return database.owner().sql("select count(*) from calls where campaign_id = ?::uuid and to_number = ?")
                .params(campaignId, number).query(Integer.class).single();
    }
}
