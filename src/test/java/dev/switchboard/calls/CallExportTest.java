package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The CSV export: the list's filters, RFC 4180 quoting, cells that a spreadsheet would run as
 * formulas neutralized, thousands of rows streamed over real HTTP, problems answered before
 * streaming, and only the organization's own calls.
 */
@SwitchboardTest
class CallExportTest {

    static final String HEADER = "id,created_at,direction,status,disposition,from_number,to_number,contact_name,crm_id,"
            + "agent_id,agent_name,campaign_id,started_at,ended_at,duration_seconds,cost_cents,sentiment,successful,summary,"
            + "disconnection_reason,recording_status,needs_review";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @LocalServerPort int port;
    Api api;
    Api.Account admin;
    CallRecordsFixture calls;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Export Dental");
        calls = CallRecordsFixture.inZone(database.owner(), admin.organizationId(), "America/New_York");
    }

    @Test
    void exportsTheFilteredCallsQuotedAndWithFormulasNeutralized() throws Exception {
        UUID tricky = calls.insert("disposition", "answered", "contact_name", "=HYPERLINK(\"http://evil\",\"x\")",
                "crm_id", "+SUM(A1)", "disconnection_reason", "@cmd", "duration_seconds", 42, "cost_cents", new java.math.BigDecimal("12.5000"),
                "analysis", CallRecordsFixture.analysis("Positive", true, "Booked, then said \\\"thanks\\\"\\nand left"));
        UUID plain = calls.insert("disposition", "answered", "contact_name", "-Minus Person", "crm_id", "Smith, Jo");
        calls.insert("disposition", "voicemail", "contact_name", "Not Exported");

        String csv = export(admin, "disposition", "answered", "sort", "createdAt");
        List<String> lines = csv.lines().toList();
        assertThat(csv).startsWith(HEADER + "\r\n").endsWith("\r\n").doesNotContain("Not Exported");
        assertThat(csv).contains(tricky.toString()).contains(plain.toString());
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"").contains(",'+SUM(A1),")
                .contains(",'@cmd,").contains(",'-Minus Person,").contains("\"Smith, Jo\"")
                .contains("\"Booked, then said \"\"thanks\"\"\nand left\"");
        assertThat(csv).contains(",+14155551234,").contains(",42,12.5,Positive,true,")
                .contains("2026-03-04T10:00:00-05:00");
        assertThat(lines.getFirst()).isEqualTo(HEADER);
    }

    @Test
    void streamsThousandsOfRowsOverHttp() throws Exception {
        database.owner().sql("""
                insert into calls (id, organization_id, provider, direction, from_number, to_number, status, contact_name, created_at)
                select gen_random_uuid(), ?, 'sandbox', 'outbound', '+14155550100', '+1415' || lpad(n::text, 7, '0'), 'completed',
                       'Contact ' || n, timestamptz '2026-01-01 00:00:00+00' + n * interval '1 minute'
                from generate_series(1, 5000) n""").param(admin.organizationId()).update();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/calls/export.csv"))
                .header("Authorization", "Bearer " + admin.accessToken()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains("calls-");
        Set<String> ids = new HashSet<>();
        String first;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            first = reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                ids.add(line.substring(0, line.indexOf(',')));
            }
        }
        assertThat(first).isEqualTo(HEADER);
        assertThat(ids).hasSize(5000);
    }

    @Test
    void badFiltersAreAProblemNotAHalfFile() {
        assertThat(Api.json(api.perform(request(admin, "from", "last week")), 422).toString()).contains("from");
        assertThat(Api.json(api.perform(request(admin, "sort", "loudest")), 422).toString()).contains("sort");
    }

    @Test
    void anotherOrganizationsExportHasNoneOfTheCalls() throws Exception {
        calls.insert("contact_name", "Only Ours", "created_at", Instant.parse("2026-02-01T10:00:00Z"));
        Api.Account stranger = api.signUp("Other Export Co");
        String theirs = export(stranger);
        assertThat(theirs).isEqualTo(HEADER + "\r\n");
        assertThat(export(admin)).contains("Only Ours");
    }

    private String export(Api.Account who, String... params) throws Exception {
        MvcResult done = api.perform(request(who, params));
        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        return done.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static MockHttpServletRequestBuilder request(Api.Account who, String... params) {
        MockHttpServletRequestBuilder request = get("/api/v1/calls/export.csv").with(who.bearer());
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
    }
}
