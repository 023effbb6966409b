package dev.switchboard.messaging.internal;

import dev.switchboard.messaging.CampaignNotices;
import dev.switchboard.messaging.internal.NotificationPreferences.Event;
import dev.switchboard.platform.Mailer;
import dev.switchboard.platform.OutgoingMail;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Campaign e-mails through the mail outbox. A delivery row per event, campaign and recipient is
 * claimed first, so an event raised twice (a retried job, a second node) mails nobody twice.
 */
@Component
class CampaignMailNotices implements CampaignNotices {

    private final JdbcClient jdbc;
    private final NotificationPreferences preferences;
    private final Mailer mailer;
    private final Clock clock;
    private final String publicUrl;

    CampaignMailNotices(JdbcClient jdbc, NotificationPreferences preferences, Mailer mailer, Clock clock,
                        @Value("${switchboard.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.mailer = mailer;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public void started(Campaign campaign, long contacts) {
        Map<String, Object> model = model(campaign);
        model.put("contacts", String.format("%,d", contacts));
        send(Event.CAMPAIGN_STARTED, campaign, "Campaign started: " + campaign.name(), "campaign-started", model);
    }

    @Override
    public void completed(Campaign campaign, List<Figure> figures, String exportPath) {
        Map<String, Object> model = model(campaign);
        model.put("figures", figures.stream().map(f -> f.label() + ": " + f.value()).collect(Collectors.joining("\n")));
        model.put("exportUrl", publicUrl + exportPath);
        send(Event.CAMPAIGN_COMPLETED, campaign, "Campaign completed: " + campaign.name(), "campaign-completed", model);
    }

    @Override
    public void failed(Campaign campaign, String reason, String whatToDo) {
        Map<String, Object> model = model(campaign);
        model.put("reason", reason);
        model.put("whatToDo", whatToDo);
        send(Event.CAMPAIGN_FAILED, campaign, "Campaign failed: " + campaign.name(), "campaign-failed", model);
    }

    private Map<String, Object> model(Campaign campaign) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("campaignName", campaign.name());
        model.put("campaignUrl", publicUrl + campaign.path());
        return model;
    }

    private void send(Event event, Campaign campaign, String subject, String template, Map<String, Object> model) {
        UUID organization = TenantScope.requireOrganization();
        NotificationPreferences.Preferences chosen = preferences.of(organization);
        if (!chosen.enabled(event)) {
            return;
        }
        String name = jdbc.sql("select name from organizations where id = ?").param(organization).query(String.class)
                .optional().orElse("your organization");
        model.put("organizationName", name);
        String line = subject.length() > 200 ? subject.substring(0, 197) + "..." : subject;
        for (String recipient : chosen.effectiveRecipients()) {
            UUID delivery = UUID.randomUUID();
            UUID mailId = UUID.randomUUID();
            boolean first = jdbc.sql("""
                            insert into notification_deliveries (id, organization_id, event, subject_id, subject_name, recipient,
                                                                 mail_id, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (organization_id, event, subject_id, recipient) do nothing""")
                    .params(delivery, organization, event.key, campaign.id(), campaign.name(), recipient, mailId,
                            Timestamp.from(clock.instant()))
                    .update() == 1;
            if (first) {
                UUID sent = mailer.send(new OutgoingMail(recipient, line, template, model, organization, null));
                jdbc.sql("update notification_deliveries set mail_id = ? where organization_id = ? and id = ?")
                        .params(sent, organization, delivery).update();
            }
        }
    }
}
