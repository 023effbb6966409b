package dev.switchboard.campaigns.internal.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.campaigns.CampaignFixture;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A node dying between writing a batch and reading the provider's answer: the next run never
 * sends the batch again. It counts as submitted once the provider reported on one of its calls,
 * else as refused, with its contacts failed, so no contact is ever called twice.
 */
@SwitchboardTest
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class BatchInterruptionTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired SubmitBatchesJob job;
    @Autowired Attempts attempts;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void aBatchInterruptedBeforeAnyCallWasHeardOfIsRefusedAndNotSentAgain() {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Interrupted Roofing");
        List<String> numbers = List.of("+14155610001", "+14155620001");
        UUID organization = fixture.admin.organizationId();
        UUID id = interruptedBatch(fixture, numbers);

        int sent = TenantScope.callAs(organization, () -> job.submit(organization, id));

        assertThat(sent).isZero();
        assertThat(database.owner().sql("select state || ' ' || failure_reason from campaign_batches where campaign_id = ?")
                .param(id).query(String.class).list()).containsExactly("refused " + SubmitBatchesJob.INTERRUPTED);
        JsonNode campaign = fixture.read(id.toString());
        assertThat(campaign.get("status").asString()).isEqualTo("completed");
        assertThat(campaign.get("progress").get("failed").asInt()).isEqualTo(2);
        for (String number : numbers) {
            assertThat(fixture.callsTo(id.toString(), number)).isEqualTo(1);
        }
        assertThat(database.owner().sql("select count(*) from calls where campaign_id = ? and provider_batch_id is null and status = 'failed'")
                .param(id).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aBatchInterruptedAfterTheProviderReportedACallCountsAsSubmitted() {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Interrupted Siding");
        List<String> numbers = List.of("+14155630001", "+14155640001");
        UUID organization = fixture.admin.organizationId();
        UUID id = interruptedBatch(fixture, numbers);
        // The provider's first webhook found its call by campaign and number before the answer was read.
        database.owner().sql("update calls set provider_call_id = 'call_heard' where campaign_id = ? and to_number = ?")
                .params(id, numbers.getFirst()).update();

        int sent = TenantScope.callAs(organization, () -> job.submit(organization, id));

        assertThat(sent).isZero();
        assertThat(database.owner().sql("select state from campaign_batches where campaign_id = ?").param(id)
                .query(String.class).list()).containsExactly("submitted");
        assertThat(database.owner().sql("select state from campaign_attempts where campaign_id = ?").param(id)
                .query(String.class).list()).containsOnly("in_call");
        assertThat(fixture.read(id.toString()).get("status").asString()).isEqualTo("processing");
        Api.json(fixture.action(id.toString(), "cancel", fixture.admin), 200);
    }

    /** A running provider-batch campaign whose first batch was written, then the node died before sending it. */
    private UUID interruptedBatch(CampaignFixture fixture, List<String> numbers) {
        UUID organization = fixture.admin.organizationId();
        UUID id = UUID.fromString(fixture.campaign(fixture.contactList(numbers), Map.of("dispatchMode", "provider_batch")));
        database.owner().sql("update campaigns set status = 'processing', started_at = now() where id = ?").param(id).update();
        SubmitBatchesJob.Planned planned = TenantScope.callAs(organization, () -> tx.execute(s -> {
            DialerCampaign campaign = DialerCampaign.find(jdbc, organization, id, true);
            attempts.materialize(campaign, "America/Los_Angeles", Instant.now());
            jdbc.sql("update campaigns set total_contacts = ? where organization_id = ? and id = ?")
                    .params(numbers.size(), organization, id).update();
            return job.plan(organization, id);
        }));
        assertThat(planned).isNotNull();
        assertThat(planned.prepared().calls()).hasSize(numbers.size());
        return id;
    }
}
