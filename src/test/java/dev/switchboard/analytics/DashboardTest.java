package dev.switchboard.analytics;

import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The dashboard's figures, active campaigns and recent calls, for its own organization only. */
@SwitchboardTest
class DashboardTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;

    @Test
    void showsTodaysCallsTheSuccessRateRunningCampaignsAndRecentCallsOfItsOwnOrganization() throws Exception {
        Api api = new Api(mvc);
        Api.Account admin = api.signUp("Dashboard Co");
        Api.Account other = api.signUp("Other Dashboard Co");
        JdbcClient owner = database.owner();
        call(owner, admin.organizationId(), "+14155550142", "Dana Whitfield", "true");
        call(owner, admin.organizationId(), "+14155550143", null, "false");
        call(owner, other.organizationId(), "+14155550999", "Someone Else", "true");
        owner.sql("""
                        insert into campaigns (id, organization_id, name, agent_id, contact_list_id, status, concurrency, time_zone,
                                               total_contacts, processed_count, completed_count, failed_count, started_at)
                        values (?, ?, 'Spring renewals', ?, ?, 'processing', 3, 'UTC', 200, 50, 40, 10, now())""")
                .params(UUID.randomUUID(), admin.organizationId(), UUID.randomUUID(), UUID.randomUUID()).update();

        String html = mvc.perform(page("/", session(sessions, admin.userId(), admin.organizationId())))
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("data-figure=\"calls-today\">2<").contains("data-figure=\"calls-month\">2<")
                .contains("data-figure=\"success-rate\">50.0 %<")
                .contains("Spring renewals").contains("50 of 200").contains("value=\"25\"")
                .contains("+14155550142").contains("Dana Whitfield").contains("+14155550143")
                .contains("data-live-channels=\"calls,campaigns\"").contains("live-call-changed from:body")
                .doesNotContain("+14155550999").doesNotContain("Someone Else");

        String theirs = mvc.perform(page("/", session(sessions, other.userId(), other.organizationId())))
                .andReturn().getResponse().getContentAsString();
        assertThat(theirs).contains("data-figure=\"calls-today\">1<").contains("No campaigns yet")
                .doesNotContain("Spring renewals").doesNotContain("Dana Whitfield");
    }

    private static void call(JdbcClient owner, UUID organization, String to, String name, String successful) {
        owner.sql("""
                        insert into calls (id, organization_id, provider, direction, from_number, to_number, contact_name, status,
                                           disposition, duration_seconds, analysis)
                        values (?, ?, 'sandbox', 'outbound', '+14155550100', ?, ?, 'completed', 'answered', 60,
                                jsonb_build_object('successful', ?::boolean))""")
                .params(UUID.randomUUID(), organization, to, name, successful).update();
    }
}
