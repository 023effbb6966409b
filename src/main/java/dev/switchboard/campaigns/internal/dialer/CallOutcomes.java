package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.campaigns.DoNotCall;
import dev.switchboard.campaigns.internal.compliance.Compliance;
import dev.switchboard.platform.WorkCpu;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Settles campaign attempts from call events, in the transaction that applied the event: a call
 * ends exactly once ({@link CallChanged#ended()}), so each attempt is counted once, and the
 * campaign completes in the same transaction as its last call. A callee who asked not to be
 * called again goes onto the organization's do-not-call list, unless the organization turned
 * that off.
 */
@Component
class CallOutcomes {

    /** The unit of work under which the settlement of ended calls is measured ({@link WorkCpu}). */
    static final String SETTLEMENT = "campaign-settlement";

    private final JdbcClient jdbc;
    private final Attempts attempts;
    private final Settlement settlement;
    private final Compliance compliance;
    private final DoNotCall doNotCall;
    private final Clock clock;
    private final WorkCpu cpu;

    CallOutcomes(JdbcClient jdbc, Attempts attempts, Settlement settlement, Compliance compliance, DoNotCall doNotCall,
                 Clock clock, WorkCpu cpu) {
        this.jdbc = jdbc;
        this.attempts = attempts;
        this.settlement = settlement;
        this.compliance = compliance;
        this.doNotCall = doNotCall;
        this.clock = clock;
        this.cpu = cpu;
    }

    record EndedCall(UUID contactId, String toNumber, Timestamp createdAt, boolean optedOut) {
    }

    @EventListener
    void on(CallChanged change) {
        if (change.campaignId() == null || !change.ended()) {
            return;
        }
        cpu.measure(SETTLEMENT, () -> settle(change));
    }

    private void settle(CallChanged change) {
        UUID organization = change.organizationId();
        EndedCall call = jdbc.sql("""
                        select contact_id, to_number, created_at,
                               coalesce((analysis -> 'custom' ->> 'do_not_call_requested')::boolean, false) as opted_out
                        from calls where organization_id = ? and id = ?""")
                .params(organization, change.callId()).query(EndedCall.class).optional().orElse(null);
        if (call == null || call.contactId() == null) {
            return;
        }
        Instant now = clock.instant();
        // The campaign's row first, as the pacer does, so the two never wait on each other in reverse.
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, change.campaignId(), true);
        if (campaign == null) {
            return;
        }
        if (call.optedOut() && call.toNumber() != null && compliance.rulesFor(organization).autoDoNotCall()) {
            doNotCall.add(organization, call.toNumber(), DoNotCall.Source.CALL,
                    "Asked not to be called again, on a call of the campaign '" + campaign.name() + "'");
        }
        String outcome = Settlement.outcomeOf(change.status(), change.disposition());
        settlement.ended(campaign, attempts.end(campaign, call.contactId(), change.callId(), call.createdAt().toInstant(),
                outcome, now), outcome, now);
    }
}
