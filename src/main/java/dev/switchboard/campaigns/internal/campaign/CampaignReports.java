package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A campaign's statistics (the seed's CampaignStats) and its calls as CSV. */
@Service
class CampaignReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int EXPORT_PAGE = 500;
    /** Variables Switchboard adds to every call; not part of the uploaded contact's data. */
    private static final Set<String> ADDED_VARIABLES = Set.of("current_date", "current_day");

    /**
     * @param completedCalls  calls that reached a person
     * @param successfulCalls calls the agent's analysis marked successful
     * @param failedCalls     calls that did not connect (no answer, busy, failed, invalid number)
     * @param successRate     successful calls per call, in percent
     * @param completionRate  completed calls per call, in percent
     * @param appointmentsBooked always 0 until booking from calls exists
     */
    record CampaignStats(UUID campaignId, int totalCalls, int completedCalls, int successfulCalls, int failedCalls,
                         int voicemails, int inProgress, int callbackRequests, int doNotCallRequests,
                         double averageDurationSeconds, BigDecimal totalCostCents, double successRate,
                         double completionRate, int appointmentsBooked, int callbacksScheduled, Sentiment sentiment) {
    }

    record Sentiment(int positive, int neutral, int negative, int unknown) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    CampaignReports(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    CampaignStats stats(UUID campaignId) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> {
            requireCampaign(organization, campaignId);
            return jdbc.sql("""
                            select count(*) as total,
                                   count(*) filter (where disposition = 'answered') as connected,
                                   count(*) filter (where analysis ->> 'successful' = 'true') as successful,
                                   count(*) filter (where status = 'failed' or disposition in ('no_answer', 'busy', 'failed', 'invalid_number')) as failed,
                                   count(*) filter (where disposition = 'voicemail') as voicemails,
                                   count(*) filter (where status not in ('completed', 'failed', 'cancelled')) as in_progress,
                                   count(*) filter (where analysis -> 'custom' ->> 'callback_requested' = 'true') as callbacks,
                                   count(*) filter (where analysis -> 'custom' ->> 'do_not_call_requested' = 'true') as opt_outs,
                                   coalesce(avg(duration_seconds) filter (where duration_seconds > 0), 0) as average_duration,
                                   coalesce(sum(cost_cents), 0) as cost,
                                   count(*) filter (where lower(analysis ->> 'sentiment') = 'positive') as positive,
                                   count(*) filter (where lower(analysis ->> 'sentiment') = 'neutral') as neutral,
                                   count(*) filter (where lower(analysis ->> 'sentiment') = 'negative') as negative,
                                   count(*) filter (where analysis is not null and coalesce(lower(analysis ->> 'sentiment'), 'unknown')
                                                          not in ('positive', 'neutral', 'negative')) as unknown
                            from calls where organization_id = ? and campaign_id = ?""")
                    .params(organization, campaignId).query((rs, n) -> stats(campaignId, rs)).single();
        });
    }

    private static CampaignStats stats(UUID campaignId, ResultSet rs) throws SQLException {
        int total = rs.getInt("total");
        int connected = rs.getInt("connected");
        int successful = rs.getInt("successful");
        int callbacks = rs.getInt("callbacks");
        return new CampaignStats(campaignId, total, connected, successful, rs.getInt("failed"), rs.getInt("voicemails"),
                rs.getInt("in_progress"), callbacks, rs.getInt("opt_outs"),
                rs.getBigDecimal("average_duration").setScale(1, RoundingMode.HALF_UP).doubleValue(),
                rs.getBigDecimal("cost"), percent(successful, total), percent(connected, total), 0, callbacks,
                new Sentiment(rs.getInt("positive"), rs.getInt("neutral"), rs.getInt("negative"), rs.getInt("unknown")));
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
    }

    /** The campaign's name, for the file name; 404 when it is not the organization's. */
    String requireCampaign(UUID organization, UUID campaignId) {
        return jdbc.sql("select name from campaigns where organization_id = ? and id = ?").params(organization, campaignId)
                .query(String.class).optional().orElseThrow(() -> ApiProblem.notFound("campaign"));
    }

    /** The campaign's latest calls, newest first. */
    List<CampaignPages.CallLine> latestCalls(UUID campaignId, int limit) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql("""
                        select id, to_number, contact_name, status, disposition, duration_seconds, created_at from calls
                        where organization_id = ? and campaign_id = ? order by created_at desc, id desc limit ?""")
                .params(organization, campaignId, limit).query(CampaignPages.CallLine.class).list());
    }

    record ExportRow(UUID id, Timestamp createdAt, String toNumber, String contactName, String crmId, String status,
                     String disposition, Integer durationSeconds, BigDecimal costCents, Timestamp startedAt,
                     String recordingUrl, String analysis, String dynamicVariables) {
    }

    /**
     * Writes every call of the campaign as CSV, oldest first, page by page (the whole export is
     * never held in memory): status, duration, analysis, recording link and the contact's
     * original variables. Call with the organization in scope.
     */
    void export(UUID organization, UUID campaignId, OutputStream out) {
        List<String> variables = tx.execute(s -> variableNames(organization, campaignId));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("phone_number", "contact_name", "crm_id", "status", "disposition",
                "duration_seconds", "call_successful", "user_sentiment", "call_summary", "callback_requested",
                "do_not_call_requested", "cost_cents", "started_at", "recording_url", "call_id"));
        header.addAll(variables);
        try {
            CsvCells.writeRow(writer, header);
            Timestamp afterTime = null;
            UUID afterId = null;
            while (true) {
                List<ExportRow> page = page(organization, campaignId, afterTime, afterId);
                for (ExportRow row : page) {
                    CsvCells.writeRow(writer, cells(row, variables));
                }
                writer.flush();
                if (page.size() < EXPORT_PAGE) {
                    return;
                }
                afterTime = page.getLast().createdAt();
                afterId = page.getLast().id();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ExportRow> page(UUID organization, UUID campaignId, Timestamp afterTime, UUID afterId) {
        return tx.execute(s -> jdbc.sql("""
                        select id, created_at, to_number, contact_name, crm_id, status, disposition, duration_seconds, cost_cents,
                               started_at, recording_url, analysis::text as analysis, dynamic_variables::text as dynamic_variables
                        from calls where organization_id = ? and campaign_id = ?
                          and (?::timestamptz is null or (created_at, id) > (?::timestamptz, ?::uuid))
                        order by created_at, id limit ?""")
                .params(organization, campaignId, afterTime, afterTime, afterId, EXPORT_PAGE)
                .query(ExportRow.class).list());
    }

    /** The contact list's variable columns in file order, then any other variable the calls carried. */
    private List<String> variableNames(UUID organization, UUID campaignId) {
        Set<String> names = new LinkedHashSet<>();
        String columns = jdbc.sql("""
                        select l.columns::text from campaigns c join contact_lists l
                          on l.organization_id = c.organization_id and l.id = c.contact_list_id
                        where c.organization_id = ? and c.id = ?""")
                .params(organization, campaignId).query(String.class).optional().orElse("[]");
        JSON.readTree(columns).forEach(c -> names.add(c.asString()));
        names.addAll(jdbc.sql("""
                        select distinct jsonb_object_keys(dynamic_variables) as k from calls
                        where organization_id = ? and campaign_id = ? order by k""")
                .params(organization, campaignId).query(String.class).list());
        names.removeAll(Set.of("phone_number", "crm_id"));
        names.removeAll(ADDED_VARIABLES);
        return List.copyOf(names);
    }

    private static List<String> cells(ExportRow row, List<String> variables) {
        JsonNode analysis = row.analysis() == null ? JSON.createObjectNode() : JSON.readTree(row.analysis());
        JsonNode values = row.dynamicVariables() == null ? JSON.createObjectNode() : JSON.readTree(row.dynamicVariables());
        List<String> cells = new ArrayList<>(List.of(
                text(row.toNumber()), text(row.contactName()), text(row.crmId()), row.status(), text(row.disposition()),
                row.durationSeconds() == null ? "" : row.durationSeconds().toString(),
                field(analysis, "successful"), field(analysis, "sentiment"), field(analysis, "summary"),
                field(analysis.path("custom"), "callback_requested"), field(analysis.path("custom"), "do_not_call_requested"),
                row.costCents() == null ? "" : row.costCents().toPlainString(),
                row.startedAt() == null ? "" : row.startedAt().toInstant().toString(), text(row.recordingUrl()),
                row.id().toString()));
        for (String variable : variables) {
            cells.add(field(values, variable));
        }
        return cells;
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? "" : value.asString(value.toString());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
