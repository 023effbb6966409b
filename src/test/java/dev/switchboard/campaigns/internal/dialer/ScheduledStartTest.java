package dev.switchboard.campaigns.internal.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A scheduled campaign whose organization can no longer call when its time comes ends as failed,
 * once, with the reason, and the organization is told by e-mail what happened and what to do.
 */
@SwitchboardTest
class ScheduledStartTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired DialerWatchdog watchdog;

    @Test
    void aScheduledCampaignThatCannotStartFailsWithItsReasonAndAnEmail() {
        Api.Account admin = new Api(mvc).signUp("Scheduled Co");
        UUID campaign = UUID.randomUUID();
        database.owner().sql("""
                        insert into campaigns (id, organization_id, name, agent_id, contact_list_id, status, concurrency, time_zone,
                                               start_at)
                        values (?, ?, 'Monday morning', ?, ?, 'scheduled', 2, 'UTC', now() - interval '1 minute')""")
                .params(campaign, admin.organizationId(), UUID.randomUUID(), UUID.randomUUID()).update();

        TenantScope.runAs(admin.organizationId(), () -> watchdog.startScheduled(admin.organizationId(), campaign));
        TenantScope.runAs(admin.organizationId(), () -> watchdog.startScheduled(admin.organizationId(), campaign));

        record Row(String status, String failureReason) {
        }
        Row row = database.owner().sql("select status, failure_reason from campaigns where id = ?").param(campaign)
                .query(Row.class).single();
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.failureReason()).startsWith("Could not start: ");
        assertThat(Outbox.count(database, admin.email(), "campaign-failed")).isEqualTo(1);
        assertThat(Outbox.latest(database, admin.email(), "campaign-failed")).contains("Monday morning")
                .contains("What happened: Could not start: ").contains("What to do: ");
    }
}
