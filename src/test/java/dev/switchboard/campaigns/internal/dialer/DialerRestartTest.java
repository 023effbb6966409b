package dev.switchboard.campaigns.internal.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.calls.OutboundCalls;
import dev.switchboard.campaigns.CampaignFixture;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A node dying between claiming an attempt and recording its call: the watchdog's repair gives
 * back an attempt that never reached the provider and keeps one that did, so no contact is lost
 * and none is called twice.
 */
@SwitchboardTest
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class DialerRestartTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired DialerWatchdog watchdog;
    @Autowired OutboundCalls calls;

    @Test
    void anAttemptClaimedButNeverPlacedIsDialledOnceAfterTheRepair() {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Crash Plumbing");
        fixture.closeCallingHours();
        List<String> numbers = List.of("+14155410001", "+14155420001");
        String id = fixture.campaign(fixture.contactList(numbers), Map.of());
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        crashAfterClaim(id, numbers.get(0));
        assertThat(fixture.read(id).get("dialing").get("inFlight").asInt()).isEqualTo(1);

        // The repair runs every minute on its own; run it now (it may have just run: then it finds nothing).
        TenantScope.callAs(fixture.admin.organizationId(),
                () -> watchdog.repairStaleClaims(fixture.admin.organizationId(), UUID.fromString(id)));
        assertThat(database.owner().sql("select state from campaign_attempts where campaign_id = ?::uuid and phone_number = ?")
                .params(id, numbers.get(0)).query(String.class).single()).isEqualTo("pending");
        assertThat(fixture.callsTo(id, numbers.get(0))).isZero();

        fixture.callingRules(Map.of("callingHoursEnabled", false));
        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(60));
        assertThat(done.get("progress").get("completed").asInt()).isEqualTo(2);
        assertThat(fixture.callsTo(id, numbers.get(0))).isEqualTo(1);
        assertThat(fixture.callsTo(id, numbers.get(1))).isEqualTo(1);
    }

    @Test
    void anAttemptWhoseCallWasPlacedIsNotDialledAgain() {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Crash Electric");
        fixture.closeCallingHours();
        String number = "+14155430001";
        String id = fixture.campaign(fixture.contactList(List.of(number)), Map.of());
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        UUID contact = crashAfterClaim(id, number);
        // The node placed the call, then died before recording it on the attempt.
        TenantScope.runAs(fixture.admin.organizationId(), () -> calls.place(new OutboundCalls.Request(
                UUID.fromString(fixture.agentId), number, Map.of("first_name", "Ann0"), UUID.fromString(id), contact,
                "Ann0", "crm-0")));

        TenantScope.callAs(fixture.admin.organizationId(),
                () -> watchdog.repairStaleClaims(fixture.admin.organizationId(), UUID.fromString(id)));
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(60));
        assertThat(done.get("progress").get("completed").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("processed").asInt()).isEqualTo(1);
        assertThat(fixture.callsTo(id, number)).isEqualTo(1);
        assertThat(database.owner().sql("select count(*) from campaign_attempts where campaign_id = ?::uuid").param(id)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aContactWhoseCallNeverReachedTheProviderIsDialledAgainOnce() {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Crash Roofing");
        fixture.closeCallingHours();
        String number = "+14155440001";
        String id = fixture.campaign(fixture.contactList(List.of(number)), Map.of());
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        UUID contact = database.owner().sql("""
                        update campaign_attempts set state = 'dialing', claimed_at = now() - interval '20 minutes'
                        where campaign_id = ?::uuid and phone_number = ? returning contact_id""")
                .params(id, number).query(UUID.class).single();
        // The node recorded the call, then died before the provider answered: no provider call id, ever.
        UUID lost = UUID.randomUUID();
        database.owner().sql("""
                        insert into calls (id, organization_id, campaign_id, contact_id, provider, direction, to_number, status,
                                           created_at, updated_at)
                        values (?, ?, ?::uuid, ?, 'sandbox', 'outbound', ?, 'pending', now() - interval '15 minutes',
                                now() - interval '15 minutes')""")
                .params(lost, fixture.admin.organizationId(), id, contact, number).update();

        TenantScope.callAs(fixture.admin.organizationId(),
                () -> watchdog.repairStaleClaims(fixture.admin.organizationId(), UUID.fromString(id)));
        assertThat(database.owner().sql("select status || '/' || disconnection_reason from calls where id = ?").param(lost)
                .query(String.class).single()).isEqualTo("failed/never_placed");
        assertThat(database.owner().sql("select state from campaign_attempts where campaign_id = ?::uuid").param(id)
                .query(String.class).single()).isEqualTo("pending");

        fixture.callingRules(Map.of("callingHoursEnabled", false));
        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(60));
        assertThat(done.get("progress").get("completed").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("failed").asInt()).isZero();
        assertThat(database.owner().sql("""
                        select count(*) from calls where campaign_id = ?::uuid and provider_call_id is not null""")
                .param(id).query(Integer.class).single()).as("placed at the provider once").isEqualTo(1);
        // A second repair finds nothing left to do.
        assertThat(TenantScope.callAs(fixture.admin.organizationId(),
                () -> watchdog.repairStaleClaims(fixture.admin.organizationId(), UUID.fromString(id)))).isZero();
    }

    /** Leaves the contact's attempt claimed five minutes ago, as a node that died right after its claim would. */
    private UUID crashAfterClaim(String campaignId, String number) {
        return database.owner().sql("""
                        update campaign_attempts set state = 'dialing', claimed_at = now() - interval '5 minutes'
                        where campaign_id = ?::uuid and phone_number = ? returning contact_id""")
                .params(campaignId, number).query(UUID.class).single();
    }
}
