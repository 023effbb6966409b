package dev.switchboard.agents.internal.catalog;

import dev.switchboard.agents.AgentUsage;
import dev.switchboard.agents.internal.definition.ConversationFlows;
import dev.switchboard.agents.internal.definition.PromptTemplates;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's agents. Saving answers at once; the provider is updated by a background
 * job ({@link AgentSyncJob}) whose state (pending, synced, failed with the vendor's message)
 * the agent shows, with a retry action.
 */
@Service
public class AgentService {

    /** An agent as the API shows it. */
    public record Agent(UUID id, String name, String type, String status, String promptTemplate, String beginMessage,
                        String voiceId, String language, JsonNode conversationFlow, JsonNode tools, Set<String> variables,
                        Set<String> unknownVariables, int version, Sync sync, Instant createdAt, Instant updatedAt) {
    }

    /** Where the agent stands with the provider. */
    public record Sync(String status, String provider, String providerAgentId, String error, Instant syncedAt) {
    }

    /** What a user sends to create or change an agent. */
    public record AgentInput(String name, String type, String status, String promptTemplate, String beginMessage,
                             String voiceId, String language, JsonNode conversationFlow, JsonNode tools) {
    }

    static final Set<String> TYPES = Set.of("sales", "support", "appointment", "survey", "custom");
    static final Set<String> STATUSES = Set.of("draft", "active", "inactive");
    static final Set<String> SORTS = Set.of("name", "-name", "updatedAt", "-updatedAt", "createdAt", "-createdAt");
    private static final Pattern TOOL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Jobs jobs;
    private final AuditLog audit;
    private final List<AgentUsage> usages;
    private final Clock clock;

    AgentService(JdbcClient jdbc, TransactionTemplate tx, Jobs jobs, AuditLog audit, List<AgentUsage> usages, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.jobs = jobs;
        this.audit = audit;
        this.usages = usages;
        this.clock = clock;
    }

    public Agent create(AgentInput input) {
        Actor actor = Actors.requirePermission(Permission.AGENTS_MANAGE);
        Valid valid = validate(input, null);
        UUID organization = TenantScope.requireOrganization();
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        try {
            tx.executeWithoutResult(s -> {
                jdbc.sql("""
                        insert into agents (id, organization_id, name, type, status, prompt_template, begin_message, voice_id,
                                            language, conversation_flow, tools, version, created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 1, ?, ?, ?)""")
                        .params(id, organization, valid.name, valid.type, valid.status, valid.prompt, valid.beginMessage,
                                valid.voiceId, valid.language, valid.flow, valid.tools, actor.userId(), now, now)
                        .update();
                audit.record(new AuditEntry("agent.created", "agent", id.toString(), Map.of("name", valid.name)));
                scheduleSync(organization, id, 1);
            });
        } catch (DuplicateKeyException taken) {
            throw nameTaken(valid.name);
        }
        return find(id);
    }

    public Agent update(UUID id, AgentInput input) {
        Actors.requirePermission(Permission.AGENTS_MANAGE);
        Agent current = find(id);
        Valid valid = validate(input, current);
        UUID organization = TenantScope.requireOrganization();
        try {
            tx.executeWithoutResult(s -> {
                Integer version = jdbc.sql("""
                        update agents set name = ?, type = ?, status = ?, prompt_template = ?, begin_message = ?, voice_id = ?,
                               language = ?, conversation_flow = ?::jsonb, tools = ?::jsonb, version = version + 1,
                               sync_status = 'pending', sync_error = null, updated_at = ?
                         where organization_id = ? and id = ? returning version""")
                        .params(valid.name, valid.type, valid.status, valid.prompt, valid.beginMessage, valid.voiceId,
                                valid.language, valid.flow, valid.tools, Timestamp.from(clock.instant()), organization, id)
                        .query(Integer.class).single();
                audit.record(new AuditEntry("agent.updated", "agent", id.toString(), Map.of("name", valid.name, "version", version)));
                scheduleSync(organization, id, version);
            });
        } catch (DuplicateKeyException taken) {
            throw nameTaken(valid.name);
        }
        return find(id);
    }

    /** Deletes an agent nothing uses any more; its provider copy is removed in the background. */
    public void delete(UUID id) {
        Actors.requirePermission(Permission.AGENTS_MANAGE);
        Agent agent = find(id);
        List<String> uses = new ArrayList<>();
        usages.forEach(u -> uses.addAll(u.usesOf(id)));
        if (!uses.isEmpty()) {
            throw ApiProblem.conflict("agent-in-use", "The agent '" + agent.name() + "' is used by " + String.join(", ", uses)
                    + ". Finish, pause or cancel those first, then delete the agent.");
        }
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            jdbc.sql("delete from agents where organization_id = ? and id = ?").params(organization, id).update();
            audit.record(new AuditEntry("agent.deleted", "agent", id.toString(), Map.of("name", agent.name())));
            if (agent.sync().providerAgentId() != null) {
                jobs.schedule(JobRequest.of(AgentRemovalJob.TASK, id.toString(), new AgentRemovalJob.Payload(
                        agent.sync().provider(), agent.sync().providerAgentId(), engineId(id, agent)))
                        .forOrganization(organization));
            }
        });
    }

    /** Asks for a new sync now (after a failure, or to repair a provider copy). */
    public Agent resync(UUID id) {
        Actors.requirePermission(Permission.AGENTS_MANAGE);
        Agent agent = find(id);
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            jdbc.sql("update agents set sync_status = 'pending', sync_error = null where organization_id = ? and id = ?")
                    .params(organization, id).update();
            jobs.schedule(JobRequest.of(AgentSyncJob.TASK, id + ":" + agent.version() + ":" + clock.millis(),
                    new AgentSyncJob.Payload(id, agent.version())).forOrganization(organization));
        });
        return find(id);
    }

    public Agent find(UUID id) {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql("select * from agents where organization_id = ? and id = ?")
                .params(organization, id).query(this::map).optional())
                .orElseThrow(() -> ApiProblem.notFound("Agent " + id));
    }

    public CursorPage<Agent> list(String status, String type, String query, String sort, Integer limit, String cursor) {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        int size = Cursors.limit(limit, 50, 200);
        String order = sort == null || sort.isBlank() ? "-updatedAt" : sort.trim();
        if (!SORTS.contains(order)) {
            throw ApiProblem.badRequest("invalid-sort", "sort must be one of " + String.join(", ", SORTS.stream().sorted().toList()) + ".")
                    .field("sort", "unknown sort field");
        }
        StringBuilder where = new StringBuilder("organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organization));
        if (status != null && !status.isBlank()) {
            where.append(" and status = ?");
            params.add(oneOf("status", status, STATUSES));
        }
        if (type != null && !type.isBlank()) {
            where.append(" and type = ?");
            params.add(oneOf("type", type, TYPES));
        }
        if (query != null && !query.isBlank()) {
            where.append(" and name ilike ?");
            params.add("%" + query.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        boolean byName = order.endsWith("name");
        boolean descending = order.startsWith("-");
        String column = byName ? "lower(name)" : order.endsWith("createdAt") ? "created_at" : "updated_at";
        if (cursor != null && !cursor.isBlank()) {
            if (byName) {
                String[] parts = decodeNameCursor(cursor);
                where.append(" and (lower(name), id) ").append(descending ? "<" : ">").append(" (?, ?::uuid)");
                params.add(parts[0]);
                params.add(parts[1]);
            } else {
                Cursors.TimeAndId after = Cursors.decode(cursor);
                where.append(" and (").append(column).append(", id) ").append(descending ? "<" : ">").append(" (?, ?)");
                params.add(Timestamp.from(after.time()));
                params.add(after.id());
            }
        }
        params.add(size + 1);
        String direction = descending ? " desc" : " asc";
        List<Agent> rows = tx.execute(s -> jdbc.sql("select * from agents where " + where + " order by " + column + direction
                + ", id" + direction + " limit ?").params(params).query(this::map).list());
        return CursorPage.of(rows, size, a -> byName ? encodeNameCursor(a.name().toLowerCase(Locale.ROOT), a.id())
                : Cursors.encode(order.endsWith("createdAt") ? a.createdAt() : a.updatedAt(), a.id()));
    }

    /** The variables of a prompt and which of them no contact list is known to provide. */
    public Map<String, Object> preview(String template, Map<String, String> values) {
        Set<String> used = PromptTemplates.variables("promptTemplate", template);
        return Map.of("variables", used, "unknownVariables", PromptTemplates.unknown(used),
                "rendered", PromptTemplates.render(template, values == null ? Map.of() : values));
    }

    private void scheduleSync(UUID organization, UUID agentId, int version) {
        jobs.schedule(JobRequest.of(AgentSyncJob.TASK, agentId + ":" + version, new AgentSyncJob.Payload(agentId, version))
                .forOrganization(organization));
    }

    private String engineId(UUID id, Agent agent) {
        return jdbc.sql("select provider_engine_id from agents where id = ?").param(id).query(String.class).optional().orElse(null);
    }

    private record Valid(String name, String type, String status, String prompt, String beginMessage, String voiceId,
                         String language, String flow, String tools) {
    }

    private Valid validate(AgentInput input, Agent current) {
        if (input == null) {
            throw ApiProblem.validation("name", "is required");
        }
        ApiProblem problem = ApiProblem.validation("The agent is not valid; correct the fields listed.");
        String name = input.name() == null ? "" : input.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            problem.field("name", "is required and at most 100 characters");
        }
        String type = input.type() == null ? (current == null ? "custom" : current.type()) : input.type().trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            problem.field("type", "must be one of appointment, custom, sales, support, survey");
        }
        String status = input.status() == null ? (current == null ? "draft" : current.status())
                : input.status().trim().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            problem.field("status", "must be one of draft, active, inactive");
        }
        String prompt = input.promptTemplate() == null ? "" : input.promptTemplate().trim();
        if (prompt.isEmpty() || prompt.length() > 20_000) {
            problem.field("promptTemplate", "is required and at most 20,000 characters");
        } else {
            try {
                PromptTemplates.variables("promptTemplate", prompt);
            } catch (ApiProblem bad) {
                bad.errors().forEach(e -> problem.field(e.field(), e.message()));
            }
        }
        String beginMessage = input.beginMessage() == null || input.beginMessage().isBlank() ? null : input.beginMessage().trim();
        if (beginMessage != null) {
            if (beginMessage.length() > 1_000) {
                problem.field("beginMessage", "must be at most 1,000 characters");
            }
            try {
                PromptTemplates.variables("beginMessage", beginMessage);
            } catch (ApiProblem bad) {
                bad.errors().forEach(e -> problem.field(e.field(), e.message()));
            }
        }
        String voiceId = input.voiceId() == null || input.voiceId().isBlank() ? null : input.voiceId().trim();
        if ("active".equals(status) && voiceId == null) {
            problem.field("voiceId", "is required for an active agent: choose a voice");
        }
        String language = input.language() == null || input.language().isBlank() ? "en-US" : input.language().trim();
        if (!language.matches("[a-z]{2,3}(-[A-Z]{2})?")) {
            problem.field("language", "must be a language tag such as en-US or es");
        }
        Set<String> toolNames = new LinkedHashSet<>();
        JsonNode tools = input.tools() == null || input.tools().isNull() ? JSON.createArrayNode() : input.tools();
        if (!tools.isArray()) {
            problem.field("tools", "must be a list of tools");
        } else {
            int i = 0;
            for (JsonNode tool : tools) {
                String at = "tools[" + i++ + "]";
                String toolName = tool.path("name").asString("");
                if (!TOOL_NAME.matcher(toolName).matches()) {
                    problem.field(at + ".name", "must be lower-case letters, digits and underscores, starting with a letter");
                } else if (!toolNames.add(toolName)) {
                    problem.field(at + ".name", "'" + toolName + "' is used by another tool");
                }
                if (tool.path("description").asString("").isBlank()) {
                    problem.field(at + ".description", "is required: the agent reads it to decide when to call the tool");
                }
                String url = tool.path("url").asString("");
                if (!url.startsWith("https://") && !url.startsWith("http://")) {
                    problem.field(at + ".url", "must be the http(s) address the provider calls");
                }
                if (tool.has("parameters") && !tool.get("parameters").isObject()) {
                    problem.field(at + ".parameters", "must be a JSON schema object");
                }
            }
        }
        JsonNode flow = input.conversationFlow();
        if (problem.errors().isEmpty()) {
            try {
                ConversationFlows.validate(flow, toolNames);
            } catch (ApiProblem bad) {
                bad.errors().forEach(e -> problem.field(e.field(), e.message()));
            }
        }
        if (!problem.errors().isEmpty()) {
            throw problem;
        }
        return new Valid(name, type, status, prompt, beginMessage, voiceId, language,
                flow == null || flow.isNull() ? null : JSON.writeValueAsString(flow), JSON.writeValueAsString(tools));
    }

    private Agent map(ResultSet rs, int row) throws SQLException {
        String prompt = rs.getString("prompt_template");
        Set<String> variables = new LinkedHashSet<>(PromptTemplates.variables("promptTemplate", prompt));
        String begin = rs.getString("begin_message");
        if (begin != null) {
            variables.addAll(PromptTemplates.variables("beginMessage", begin));
        }
        String flow = rs.getString("conversation_flow");
        Timestamp synced = rs.getTimestamp("synced_at");
        return new Agent(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("type"), rs.getString("status"),
                prompt, begin, rs.getString("voice_id"), rs.getString("language"),
                flow == null ? null : JSON.readTree(flow), JSON.readTree(rs.getString("tools")), variables,
                PromptTemplates.unknown(variables), rs.getInt("version"),
                new Sync(rs.getString("sync_status"), rs.getString("provider"), rs.getString("provider_agent_id"),
                        rs.getString("sync_error"), synced == null ? null : synced.toInstant()),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ApiProblem.validation(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }

    private static ApiProblem nameTaken(String name) {
        return ApiProblem.conflict("agent-name-taken", "Another agent is already called '" + name + "'. Choose another name.")
                .field("name", "is already used by another agent");
    }

    private static String encodeNameCursor(String name, UUID id) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((name + "\u0000" + id)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String[] decodeNameCursor(String cursor) {
        try {
            String raw = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            int sep = raw.lastIndexOf('\u0000');
            UUID.fromString(raw.substring(sep + 1));
            return new String[] {raw.substring(0, sep), raw.substring(sep + 1)};
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("invalid-cursor", "The cursor is not valid. Use the nextCursor value of the previous "
                    + "page as it was given.").field("cursor", "not a cursor issued by this endpoint");
        }
    }

    static Optional<String> text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? Optional.empty() : Optional.of(node.get(field).asString());
    }
}
