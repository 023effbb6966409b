package dev.switchboard.calls.internal.outbound;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.calls.BatchCallRecords;
import dev.switchboard.calls.OutboundCalls;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.OutboundReadiness;
import dev.switchboard.telephony.PrimaryNumber;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Places the calls of campaigns, as single calls do: the record is written first (pending, with
 * the campaign and contact), so no call exists at the provider without one; then the provider is
 * asked, with Switchboard's call id and the campaign in the metadata its webhooks echo back.
 * The records of provider batches are written the same way, before their batch is sent.
 */
@Component
class CampaignCallPlacer implements OutboundCalls, BatchCallRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final OutboundReadiness readiness;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final Clock clock;

    CampaignCallPlacer(JdbcClient jdbc, TransactionTemplate tx, OutboundReadiness readiness, ProviderAccounts accounts,
                       VoiceAgentProviders providers, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.readiness = readiness;
        this.accounts = accounts;
        this.providers = providers;
        this.clock = clock;
    }

    @Override
    public Placed place(Request request) {
        return dialing(request.agentId()).place(request);
    }

    @Override
    public Dialing dialing(UUID agentId) {
        UUID organization = TenantScope.requireOrganization();
        ProviderAccount account = accounts.voiceAccount();
        Setup setup = tx.execute(s -> {
            PrimaryNumber primary = readiness.requirePrimaryForOutbound();
            UUID agent = agentId != null ? agentId : primary.outboundAgentId();
            return new Setup(organization, account, primary, agent, providerAgentId(organization, account, agent),
                    ZoneId.of(timeZone(organization)));
        });
        return request -> place(setup, request);
    }

    /** What {@link #dialing} read. */
    private record Setup(UUID organization, ProviderAccount account, PrimaryNumber primary, UUID agentId,
                         String providerAgentId, ZoneId zone) {
    }

    private Placed place(Setup setup, Request request) {
        UUID organization = setup.organization();
        Map<String, String> variables = variables(setup.zone(), request.variables());
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> record(organization, id, request, setup.agentId(), setup.primary(), setup.account(),
                setup.providerAgentId(), variables));
        VoiceAgentProvider.StartedCall started;
        try {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("switchboardCallId", id.toString());
            if (request.campaignId() != null) {
                metadata.put("campaignId", request.campaignId().toString());
            }
            started = providers.forAccount(setup.account()).startPhoneCall(setup.account(), new VoiceAgentProvider.PhoneCallRequest(
                    setup.primary().e164(), request.toNumber(), setup.providerAgentId(), variables, metadata));
        } catch (ProviderException e) {
            refused(organization, id, e);
            throw e;
        }
        tx.executeWithoutResult(s -> jdbc.sql("""
                        update calls set provider_call_id = coalesce(provider_call_id, ?),
                               status = case when call_status_rank(status) < call_status_rank('queued') then 'queued' else status end,
                               updated_at = ? where organization_id = ? and id = ?""")
                .params(started.providerCallId(), Timestamp.from(clock.instant()), organization, id).update());
        return new Placed(id, started.providerCallId());
    }

    @Override
    public Prepared record(UUID campaignId, UUID agentId, List<Planned> planned) {
        UUID organization = TenantScope.requireOrganization();
        ProviderAccount account = accounts.voiceAccount();
        PrimaryNumber primary = readiness.requirePrimaryForOutbound();
        String providerAgentId = providerAgentId(organization, account, agentId);
        ZoneId zone = ZoneId.of(timeZone(organization));
        List<Recorded> recorded = new ArrayList<>(planned.size());
        for (Planned call : planned) {
            Map<String, String> variables = variables(zone, call.variables());
            UUID id = UUID.randomUUID();
            record(organization, id, new Request(agentId, call.toNumber(), variables, campaignId, call.contactId(),
                    call.contactName(), call.crmId()), agentId, primary, account, providerAgentId, variables);
            recorded.add(new Recorded(id, call.contactId(), call.toNumber(), variables));
        }
        return new Prepared(primary.e164(), providerAgentId, recorded);
    }

    @Override
    public void accepted(UUID batchId, String providerBatchId, List<UUID> callIds) {
        jdbc.sql("""
                        update calls set provider_batch_id = ?, batch_call_id = ?,
                               status = case when call_status_rank(status) < call_status_rank('queued') then 'queued' else status end,
                               updated_at = ? where organization_id = ? and id = any (?)""")
                .params(providerBatchId, batchId, Timestamp.from(clock.instant()), TenantScope.requireOrganization(),
                        callIds.toArray(UUID[]::new)).update();
    }

    @Override
    public void refused(List<UUID> callIds, String reason) {
        jdbc.sql("""
                        update calls set status = case when call_status_rank(status) < call_status_rank('failed') then 'failed' else status end,
                               disposition = coalesce(disposition, 'failed'), disconnection_reason = coalesce(disconnection_reason, ?),
                               updated_at = ? where organization_id = ? and id = any (?)""")
                .params(reason, Timestamp.from(clock.instant()), TenantScope.requireOrganization(),
                        callIds.toArray(UUID[]::new)).update();
    }

    @Override
    public boolean heardFrom(List<UUID> callIds) {
        return jdbc.sql("select exists (select 1 from calls where organization_id = ? and id = any (?) and provider_call_id is not null)")
                .params(TenantScope.requireOrganization(), callIds.toArray(UUID[]::new)).query(Boolean.class).single();
    }

    private String providerAgentId(UUID organization, ProviderAccount account, UUID agentId) {
        String providerAgentId = jdbc.sql("select provider_agent_id from agents where organization_id = ? and id = ?")
                .params(organization, agentId).query(String.class).optional().orElse(null);
        if (providerAgentId == null) {
            throw new ProviderException(account.provider(), ProviderException.Kind.MISSING_AGENT,
                    "The agent has not reached the voice provider yet (or was deleted); wait for its sync, then resume.",
                    null, null);
        }
        return providerAgentId;
    }

    private String timeZone(UUID organization) {
        return jdbc.sql("select time_zone from organizations where id = ?").param(organization).query(String.class).single();
    }

    /** The caller's variables, plus today's date and weekday in the organization's time zone unless given. */
    private Map<String, String> variables(ZoneId zone, Map<String, String> given) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("current_date", today.toString());
        variables.put("current_day", today.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        if (given != null) {
            given.forEach((k, v) -> {
                if (k != null && !k.isBlank()) {
                    variables.put(k, v == null ? "" : v);
                }
            });
        }
        return variables;
    }

    private void record(UUID organization, UUID id, Request request, UUID agentId, PrimaryNumber primary,
                        ProviderAccount account, String providerAgentId, Map<String, String> variables) {
        ObjectNode metadata = JSON.createObjectNode().put("source", request.campaignId() == null ? "api" : "campaign");
        if (request.campaignId() != null) {
            metadata.put("campaignId", request.campaignId().toString());
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into calls (id, organization_id, agent_id, campaign_id, contact_id, phone_number_id, provider,
                                           provider_agent_id, direction, from_number, to_number, contact_name, crm_id, status,
                                           dynamic_variables, metadata, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'outbound', ?, ?, ?, ?, 'pending', ?::jsonb, ?::jsonb, ?, ?)""")
                .params(id, organization, agentId, request.campaignId(), request.contactId(), primary.phoneNumberId(),
                        account.provider(), providerAgentId, primary.e164(), request.toNumber(), request.contactName(),
                        request.crmId(), JSON.writeValueAsString(variables), metadata.toString(), now, now)
                .update();
    }

    @Override
    public boolean abandonUnconfirmed(UUID callId) {
        UUID organization = TenantScope.requireOrganization();
        return Boolean.TRUE.equals(tx.execute(s -> jdbc.sql("""
                        update calls set status = 'failed', disposition = coalesce(disposition, 'failed'),
                               disconnection_reason = coalesce(disconnection_reason, 'never_placed'), updated_at = ?
                        where organization_id = ? and id = ? and provider_call_id is null
                          and status not in ('completed', 'failed', 'cancelled')""")
                .params(Timestamp.from(clock.instant()), organization, callId).update() == 1));
    }

    private void refused(UUID organization, UUID id, ProviderException e) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                        update calls set status = case when call_status_rank(status) < call_status_rank('failed') then 'failed' else status end,
                               disposition = coalesce(disposition, 'failed'), disconnection_reason = coalesce(disconnection_reason, ?),
                               updated_at = ? where organization_id = ? and id = ?""")
                .params("start_refused: " + e.kind().name().toLowerCase(Locale.ROOT), Timestamp.from(clock.instant()),
                        organization, id).update());
    }
}
