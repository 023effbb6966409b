package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The calls list's filters, search, sorts and cursors: each filter alone, days read in the
 * organization's time zone, every sort paged to the end without a call twice or missing, bad
 * input explained, and nothing of another organization.
 */
@SwitchboardTest
class CallsApiSearchTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account admin;
    CallRecordsFixture calls;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Search Dental");
        calls = CallRecordsFixture.inZone(database.owner(), admin.organizationId(), "America/New_York");
    }

    @Test
    void eachFilterKeepsOnlyItsCalls() {
        UUID agent = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        UUID happy = calls.insert("disposition", "answered", "agent_id", agent,
                "analysis", CallRecordsFixture.analysis("Positive", true, "Booked"));
        UUID unhappy = calls.insert("disposition", "answered", "campaign_id", campaign,
                "analysis", CallRecordsFixture.analysis("Negative", false, "Hung up"));
        UUID voicemail = calls.insert("disposition", "voicemail", "campaign_id", campaign);
        UUID inbound = calls.insert("direction", "inbound", "status", "in_progress");
        UUID failed = calls.insert("status", "failed", "disposition", "failed");

        assertThat(ids("status", "in_progress")).containsExactly(inbound);
        assertThat(ids("status", "failed")).containsExactly(failed);
        assertThat(ids("disposition", "voicemail")).containsExactly(voicemail);
        assertThat(ids("direction", "inbound")).containsExactly(inbound);
        assertThat(ids("direction", "outbound")).containsExactlyInAnyOrder(happy, unhappy, voicemail, failed);
        assertThat(ids("agentId", agent.toString())).containsExactly(happy);
        assertThat(ids("campaignId", campaign.toString())).containsExactlyInAnyOrder(unhappy, voicemail);
        assertThat(ids("sentiment", "positive")).containsExactly(happy);
        assertThat(ids("sentiment", "Negative")).containsExactly(unhappy);
        assertThat(ids("successful", "true")).containsExactly(happy);
        assertThat(ids("successful", "false")).containsExactly(unhappy);
        assertThat(ids("campaignId", campaign.toString(), "disposition", "answered")).containsExactly(unhappy);
    }

    @Test
    void daysAreDaysOfTheOrganizationsTimeZone() {
        // New York is UTC-5 on 2026-03-04.
        UUID lateOnThe3rd = calls.insert("created_at", Instant.parse("2026-03-04T04:30:00Z"));
        UUID earlyOnThe4th = calls.insert("created_at", Instant.parse("2026-03-04T05:00:00Z"));
        UUID lateOnThe4th = calls.insert("created_at", Instant.parse("2026-03-05T04:59:59Z"));
        UUID earlyOnThe5th = calls.insert("created_at", Instant.parse("2026-03-05T05:00:00Z"));

        assertThat(ids("from", "2026-03-04", "to", "2026-03-04")).containsExactlyInAnyOrder(earlyOnThe4th, lateOnThe4th);
        assertThat(ids("from", "2026-03-05")).containsExactly(earlyOnThe5th);
        assertThat(ids("to", "2026-03-03")).containsExactly(lateOnThe3rd);
        assertThat(ids("from", "2026-03-04T05:00:00Z", "to", "2026-03-05T05:00:00Z"))
                .containsExactlyInAnyOrder(earlyOnThe4th, lateOnThe4th);
        assertThat(ids("from", "2026-03-04T00:00:00-05:00", "to", "2026-03-05T00:00:00-05:00"))
                .containsExactlyInAnyOrder(earlyOnThe4th, lateOnThe4th);
    }

    @Test
    void searchFindsNumbersAsTypedContactNamesAndCrmIds() {
        UUID ann = calls.insert("to_number", "+14155550142", "contact_name", "Ann Archer", "crm_id", "ZC-1001");
        UUID bo = calls.insert("to_number", "+13125550199", "contact_name", "Bo Bright", "crm_id", "ZC-2002");
        UUID inbound = calls.insert("direction", "inbound", "from_number", "+12065550123", "to_number", "+14155550100");

        assertThat(ids("q", "(415) 555-0142")).containsExactly(ann);
        assertThat(ids("q", "312")).containsExactly(bo);
        assertThat(ids("q", "206-555")).containsExactly(inbound);
        assertThat(ids("q", "archer")).containsExactly(ann);
        assertThat(ids("q", "zc-2002")).containsExactly(bo);
        assertThat(ids("q", "100%_")).isEmpty();
    }

    @Test
    void everySortPagesToTheEndWithoutDuplicatesOrGaps() {
        List<Row> rows = new ArrayList<>();
        Instant base = Instant.parse("2026-03-01T12:00:00Z");
        for (int i = 0; i < 23; i++) {
            // Few distinct values and some missing ones: ties and nulls are where keysets break.
            Integer duration = i % 5 == 0 ? null : (i % 4) * 30;
            BigDecimal cost = i % 6 == 0 ? null : new BigDecimal((i % 3) * 7 + ".5000");
            Instant created = base.plusSeconds((i % 7) * 60L);
            UUID id = calls.insert("created_at", created, "duration_seconds", duration, "cost_cents", cost);
            rows.add(new Row(id, created, duration == null ? -1 : duration, cost == null ? BigDecimal.ONE.negate() : cost));
        }
        check("-createdAt", rows, Comparator.comparing(Row::created).thenComparing(Row::pgOrder).reversed());
        check("createdAt", rows, Comparator.comparing(Row::created).thenComparing(Row::pgOrder));
        check("-duration", rows, Comparator.comparing(Row::duration).thenComparing(Row::pgOrder).reversed());
        check("duration", rows, Comparator.comparing(Row::duration).thenComparing(Row::pgOrder));
        check("-cost", rows, Comparator.comparing(Row::cost).thenComparing(Row::pgOrder).reversed());
        check("cost", rows, Comparator.comparing(Row::cost).thenComparing(Row::pgOrder));
    }

    @Test
    void badInputIsExplainedByField() {
        assertThat(problem(422, "sort", "price").toString()).contains("sort").contains("-duration");
        assertThat(problem(422, "from", "yesterday").toString()).contains("from").contains("America/New_York");
        assertThat(problem(422, "from", "2026-03-05", "to", "2026-03-04").toString()).contains("to");
        assertThat(problem(422, "sentiment", "ecstatic").toString()).contains("positive");
        assertThat(problem(422, "status", "nonsense").toString()).contains("status");
        assertThat(problem(422, "successful", "maybe").toString()).contains("successful");
        assertThat(problem(422, "agentId", "not-an-id").toString()).contains("agentId");
        problem(400, "cursor", "garbage!");
        calls.insert();
        calls.insert();
        String byTime = page("limit", "1").get("nextCursor").asString();
        assertThat(problem(400, "sort", "duration", "cursor", byTime).toString()).contains("sort");
    }

    @Test
    void anotherOrganizationSeesNoneOfTheCalls() {
        UUID call = calls.insert("contact_name", "Private Patient");
        Api.Account stranger = api.signUp("Elsewhere Clinic");
        JsonNode list = Api.json(api.perform(get("/api/v1/calls").param("q", "Private").with(stranger.bearer())), 200);
        assertThat(list.get("items").size()).isZero();
        Api.json(api.perform(get("/api/v1/calls/" + call).with(stranger.bearer())), 404);
        assertThat(ids("q", "Private")).containsExactly(call);
    }

    private record Row(UUID id, Instant created, int duration, BigDecimal cost) {

        /** PostgreSQL orders uuids by their unsigned bytes, which is the order of their hex text. */
        String pgOrder() {
            return id.toString();
        }
    }

    private void check(String sort, List<Row> rows, Comparator<Row> order) {
        List<UUID> expected = rows.stream().sorted(order).map(Row::id).toList();
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = cursor == null ? page("sort", sort, "limit", "5") : page("sort", sort, "limit", "5", "cursor", cursor);
            page.get("items").forEach(item -> seen.add(UUID.fromString(item.get("id").asString())));
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(new HashSet<>(seen)).as("no call twice, sort " + sort).hasSize(seen.size());
        assertThat(seen).as("every call in order, sort " + sort).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(5);
    }

    private List<UUID> ids(String... params) {
        List<UUID> ids = new ArrayList<>();
        page(params).get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }

    private JsonNode page(String... params) {
        return Api.json(api.perform(request(params)), 200);
    }

    private JsonNode problem(int status, String... params) {
        return Api.json(api.perform(request(params)), status);
    }

    private MockHttpServletRequestBuilder request(String... params) {
        MockHttpServletRequestBuilder request = get("/api/v1/calls").with(admin.bearer());
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
    }
}
