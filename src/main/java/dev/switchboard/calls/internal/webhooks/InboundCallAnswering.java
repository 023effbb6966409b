package dev.switchboard.calls.internal.webhooks;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Sip;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a call arriving on a number: the number's organization and inbound agent take it. The
 * call is recorded first (inbound, ringing, with Twilio's CallSid), registered with the voice
 * provider, and the caller is connected to the agent over SIP. A number that is unknown,
 * inactive, unassigned or without an active inbound agent is refused with a spoken message, and
 * a provider that cannot take the call gets the caller an apology; never an error page.
 */
@Component
class InboundCallAnswering {

    static final String NOT_IN_SERVICE = "The number you have called is not in service. Please check the number and try again. Goodbye.";
    static final String UNAVAILABLE = "Sorry, we cannot take your call right now. Please try again later. Goodbye.";

    /** Voice providers that take registered carrier calls (Retell's API; the sandbox mirrors it). */
    private static final Set<String> REGISTERING = Set.of("retell", "sandbox");
    private static final Logger log = LoggerFactory.getLogger(InboundCallAnswering.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookInbox inbox;
    private final ProviderAccounts accounts;
    private final InboundCallRegistration registration;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    InboundCallAnswering(WebhookInbox inbox, ProviderAccounts accounts, InboundCallRegistration registration,
                         JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.registration = registration;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    private record Agent(UUID id, String providerAgentId, String status) {
    }

    /** TwiML for the call {@code callSid} from {@code from} to {@code to} (both E.164 when readable). */
    String answer(String callSid, String from, String to) {
        Optional<WebhookInbox.InboundLine> line = inbox.inboundLine(to);
        if (line.isEmpty() || line.get().organizationId() == null || !"active".equals(line.get().numberStatus())
                || line.get().inboundAgentId() == null) {
            log.info("Inbound call {} to {} refused: the number is {}", callSid, to,
                    line.isEmpty() ? "unknown" : line.get().organizationId() == null ? "unassigned"
                            : !"active".equals(line.get().numberStatus()) ? line.get().numberStatus() : "without an inbound agent");
            return say(NOT_IN_SERVICE);
        }
        WebhookInbox.InboundLine l = line.get();
        return TenantScope.callAs(l.organizationId(), () -> answer(l, callSid, from, to));
    }

    private String answer(WebhookInbox.InboundLine line, String callSid, String from, String to) {
        UUID organization = line.organizationId();
        Optional<Optional<String>> earlier = tx.execute(s -> jdbc.sql("""
                        select provider_call_id from calls where organization_id = ? and metadata ->> 'twilioCallSid' = ?""")
                .params(organization, callSid).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional());
        if (earlier.isPresent()) {
            // The same call delivered again: connect it to the call registered the first time.
            return earlier.get().map(InboundCallAnswering::connect).orElseGet(() -> say(UNAVAILABLE));
        }
        Agent agent = tx.execute(s -> jdbc.sql("select id, provider_agent_id, status from agents where organization_id = ? and id = ?")
                .params(organization, line.inboundAgentId()).query(Agent.class).optional().orElse(null));
        if (agent == null || !"active".equals(agent.status()) || agent.providerAgentId() == null) {
            log.info("Inbound call {} to {} refused: its inbound agent is {}", callSid, to,
                    agent == null ? "gone" : agent.providerAgentId() == null ? "not synced" : agent.status());
            return say(NOT_IN_SERVICE);
        }
        ProviderAccount account = accounts.voiceAccount();
        UUID callId = record(organization, line, agent, account, callSid, from, to);
        if (!REGISTERING.contains(account.provider())) {
            fail(organization, callId, "provider_cannot_register_calls");
            log.warn("Inbound call {} to {}: {} answers its own numbers; point the number at it", callSid, to, account.provider());
            return say(UNAVAILABLE);
        }
        try {
            String providerCallId = registration.register(account, agent.providerAgentId(), from, to,
                    Map.of("switchboardCallId", callId.toString(), "twilioCallSid", callSid));
            tx.executeWithoutResult(s -> jdbc.sql("""
                            update calls set provider_call_id = coalesce(provider_call_id, ?), updated_at = ?
                            where organization_id = ? and id = ?""")
                    .params(providerCallId, Timestamp.from(clock.instant()), organization, callId).update());
            return connect(providerCallId);
        } catch (ProviderException e) {
            log.warn("Inbound call {} to {} could not be registered with {}: {}", callSid, to, account.provider(), e.getMessage());
            fail(organization, callId, "registration_failed");
            return say(UNAVAILABLE);
        }
    }

    private UUID record(UUID organization, WebhookInbox.InboundLine line, Agent agent, ProviderAccount account,
                        String callSid, String from, String to) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        String metadata = JSON.writeValueAsString(Map.of("source", "inbound", "twilioCallSid", callSid));
        tx.executeWithoutResult(s -> jdbc.sql("""
                        insert into calls (id, organization_id, agent_id, phone_number_id, provider, provider_agent_id, direction,
                                           from_number, to_number, status, metadata, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, 'inbound', ?, ?, 'ringing', ?::jsonb, ?, ?)""")
                .params(id, organization, agent.id(), line.phoneNumberId(), account.provider(), agent.providerAgentId(), from, to, metadata, now, now)
                .update());
        return id;
    }

    private void fail(UUID organization, UUID callId, String reason) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                        update calls set status = 'failed', disposition = 'failed', disconnection_reason = ?, ended_at = ?,
                               updated_at = ? where organization_id = ? and id = ?""")
                .params(reason, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), organization, callId).update());
    }

    static String connect(String providerCallId) {
        return new VoiceResponse.Builder()
                .dial(new Dial.Builder().sip(new Sip.Builder("sip:" + providerCallId + "@" + InboundCallRegistration.SIP_DOMAIN)
                        .build()).build())
                .build().toXml();
    }

    static String say(String message) {
        return new VoiceResponse.Builder().say(new Say.Builder(message).build()).hangup(new Hangup.Builder().build())
                .build().toXml();
    }
}
