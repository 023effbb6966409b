package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** The e-mails a campaign's start and end send, with what they say; the full path is in DialerPacerTest. */
@SwitchboardTest
class CampaignNotificationsTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;

    @Test
    void aFailedCampaignSaysWhatHappenedAndWhatToDo() {
        Api.Account admin = new Api(mvc).signUp("Failing Campaigns Co");
        UUID campaign = UUID.randomUUID();

        publish(admin, new CampaignStarted(admin.organizationId(), campaign, "Renewals", 250));
        publish(admin, new CampaignCompleted(admin.organizationId(), campaign, "Renewals", "failed", 250, 40, 30, 10, 0, null));

        assertThat(Outbox.latest(database, admin.email(), "campaign-started")).contains("Renewals").contains("250 contacts");
        assertThat(Outbox.latest(database, admin.email(), "campaign-failed")).contains("What happened: The campaign stopped on an error.")
                .contains("40 of 250").contains("/campaigns/" + campaign);
    }

    @Test
    void aTransactionThatRollsBackSendsNothing() {
        Api.Account admin = new Api(mvc).signUp("Rolled Back Co");
        TenantScope.runAs(admin.organizationId(), () -> tx.executeWithoutResult(s -> {
            events.publishEvent(new CampaignStarted(admin.organizationId(), UUID.randomUUID(), "Never", 5));
            s.setRollbackOnly();
        }));
        assertThat(Outbox.count(database, admin.email(), "campaign-started")).isZero();
    }

    private void publish(Api.Account admin, Object event) {
        TenantScope.runAs(admin.organizationId(), () -> tx.executeWithoutResult(s -> events.publishEvent(event)));
    }
}
