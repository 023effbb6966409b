package dev.switchboard.agents.internal.catalog;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.agents.internal.numbers.NumberSyncJob;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.NumberRegistry;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes one version of an agent to the organization's voice provider. Retried after 2, 4 and
 * 8 seconds; after the last attempt the agent shows "failed" with the provider's message and
 * a retry action. A job for an older version than the agent's current one does nothing, since
 * a newer job is on its way.
 */
@Component
class AgentSyncJob implements JobHandler<AgentSyncJob.Payload> {

    static final String TASK = "sync-agent";
    private static final Logger log = LoggerFactory.getLogger(AgentSyncJob.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Payload(UUID agentId, int version) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final Clock clock;
    private final String publicUrl;
    private final NumberRegistry numbers;
    private final Jobs jobs;

    AgentSyncJob(JdbcClient jdbc, TransactionTemplate tx, ProviderAccounts accounts, VoiceAgentProviders providers,
                 Clock clock, @Value("${switchboard.public-url}") String publicUrl, NumberRegistry numbers, Jobs jobs) {
        this.numbers = numbers;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.tx = tx;
        this.accounts = accounts;
        this.providers = providers;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    @Override
    public RetryPolicy retryPolicy(RetryPolicy defaults) {
        return new RetryPolicy(4, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(8), 0.1);
    }

    @Override
    public void run(Payload payload, JobContext context) {
        UUID organization = TenantScope.requireOrganization();
        var rows = tx.execute(s -> jdbc.sql("select * from agents where organization_id = ? and id = ?")
                .params(organization, payload.agentId()).query().listOfRows());
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> agent = rows.get(0);
        int current = (Integer) agent.get("version");
        if (current > payload.version()) {
            return;
        }
        ProviderAccount account = accounts.voiceAccount();
        VoiceAgentProvider adapter = providers.forAccount(account);
        boolean sameProvider = account.provider().equals(agent.get("provider"));
        String voiceId = (String) agent.get("voice_id");
        try {
            if (voiceId == null) {
                voiceId = adapter.listVoices(account).stream().findFirst().map(VoiceAgentProvider.Voice::id).orElse(null);
            }
            VoiceAgentProvider.AgentSpec spec = new VoiceAgentProvider.AgentSpec(
                    sameProvider ? (String) agent.get("provider_agent_id") : null,
                    sameProvider ? (String) agent.get("provider_engine_id") : null,
                    (String) agent.get("name"), prompt(agent), (String) agent.get("begin_message"), voiceId,
                    (String) agent.get("language"), tools((String) agent.get("tools").toString()),
                    webhookUrl(account));
            VoiceAgentProvider.ProviderAgent synced = adapter.upsertAgent(account, spec);
            tx.executeWithoutResult(s -> jdbc.sql("""
                    update agents set provider = ?, provider_agent_id = ?, provider_engine_id = ?,
                           sync_status = case when version = ? then 'synced' else sync_status end,
                           sync_error = null, synced_version = ?, synced_at = ?
                     where organization_id = ? and id = ?""")
                    .params(account.provider(), synced.agentId(), synced.engineId(), payload.version(), payload.version(),
                            Timestamp.from(clock.instant()), organization, payload.agentId())
                    .update());
            // Numbers using this agent must now point at its provider id (new, or on a new provider account).
            for (NumberRegistry.NumberAgents number : numbers.numbersOf(organization)) {
                if (payload.agentId().equals(number.inboundAgentId()) || payload.agentId().equals(number.outboundAgentId())) {
                    NumberSyncJob.schedule(jobs, organization, number.phoneNumberId());
                }
            }
        } catch (ProviderException e) {
            log.warn("Agent {} could not be synced to {} (attempt {} of {}): {} [{}]", payload.agentId(), account.provider(),
                    context.attempt(), context.maxAttempts(), e.getMessage(), e.providerMessage());
            if (context.lastAttempt()) {
                tx.executeWithoutResult(s -> jdbc.sql("update agents set sync_status = 'failed', sync_error = ? "
                                + "where organization_id = ? and id = ? and version = ?")
                        .params(e.getMessage(), organization, payload.agentId(), payload.version()).update());
            }
            throw e;
        }
    }

    /**
     * Where the provider reports this agent's calls. The embedded sandbox already sends them to
     * this server's own port, which the public URL may not reach (tests, a server behind a proxy).
     */
    private String webhookUrl(ProviderAccount account) {
        return switch (account.provider()) {
            case "sandbox" -> null;
            case "vapi" -> publicUrl + "/webhooks/vapi";
            default -> publicUrl + "/webhooks/retell";
        };
    }

    /** The prompt, with the conversation flow (if any) appended as numbered steps. */
    static String prompt(Map<String, Object> agent) {
        String prompt = (String) agent.get("prompt_template");
        Object flow = agent.get("conversation_flow");
        if (flow == null) {
            return prompt;
        }
        JsonNode graph = JSON.readTree(flow.toString());
        StringBuilder steps = new StringBuilder(prompt).append("\n\n## Conversation steps\n");
        int n = 1;
        for (JsonNode node : graph.path("nodes")) {
            String type = node.path("type").asString();
            String line = switch (type) {
                case "say" -> "Say: " + node.path("text").asString();
                case "ask" -> "Ask: " + node.path("text").asString();
                case "branch" -> "Decide by the caller's " + node.path("on").asString() + " which step follows.";
                case "tool" -> "Use the tool " + node.path("tool").asString() + ".";
                case "transfer" -> "Transfer the call to " + node.path("number").asString() + ".";
                case "end" -> "End the call politely.";
                default -> null;
            };
            if (line != null) {
                steps.append(n++).append(". [").append(node.path("id").asString()).append("] ").append(line).append('\n');
            }
        }
        for (JsonNode edge : graph.path("edges")) {
            if (edge.hasNonNull("when")) {
                steps.append("- From [").append(edge.path("from").asString()).append("] go to [")
                        .append(edge.path("to").asString()).append("] when: ").append(edge.path("when").asString()).append('\n');
            }
        }
        return steps.toString();
    }

    private static List<VoiceAgentProvider.ToolSpec> tools(String json) {
        List<VoiceAgentProvider.ToolSpec> tools = new ArrayList<>();
        for (JsonNode t : JSON.readTree(json)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = t.has("parameters") ? JSON.convertValue(t.get("parameters"), Map.class) : null;
            tools.add(new VoiceAgentProvider.ToolSpec(t.path("name").asString(), t.path("description").asString(),
                    t.path("url").asString(), parameters));
        }
        return tools;
    }
}
