package dev.switchboard.calls.internal.api;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A call's recording: shared by a signed link valid 24 hours, deleted by an administrator, and
 * found for playing. Sharing and deleting are audited.
 */
@Service
public class CallRecordings {

    /** A shared link: its path on this server and when it stops working. */
    public record Shared(String path, Instant expiresAt) {
    }

    /** Where a call's recording is, if it still has one. */
    record Recording(String url, Instant deletedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RecordingLinks links;
    private final AuditLog audit;
    private final Clock clock;

    CallRecordings(JdbcClient jdbc, TransactionTemplate tx, RecordingLinks links, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    /** A link to the recording of {@code callId} that works without signing in, for 24 hours. */
    public Shared share(UUID callId) {
        requirePlayable(callId);
        RecordingLinks.Link link = links.issue(callId);
        tx.executeWithoutResult(s -> audit.record(new AuditEntry("call.recording_shared", "call", callId.toString(),
                Map.of("expiresAt", link.expiresAt().toString()))));
        return new Shared("/r/" + link.token(), link.expiresAt());
    }

    /**
     * Removes the recording's address from the call for good (a later provider event cannot bring
     * it back, see V89) and records who did it. Deleting a deleted recording changes nothing.
     */
    public void delete(UUID callId) {
        UUID organization = TenantScope.requireOrganization();
        UUID actor = Actors.require().userId();
        tx.executeWithoutResult(s -> {
            Recording recording = lockedRecording(organization, callId);
            if (recording.deletedAt() != null) {
                return;
            }
            if (recording.url() == null) {
                throw noRecording();
            }
            jdbc.sql("""
                            update calls set recording_url = null, recording_status = 'deleted', recording_deleted_at = ?,
                                   recording_deleted_by = ?, updated_at = ?
                            where organization_id = ? and id = ?""")
                    .params(Timestamp.from(clock.instant()), actor, Timestamp.from(clock.instant()), organization, callId)
                    .update();
            audit.record(AuditEntry.of("call.recording_deleted", "call", callId));
        });
    }

    /** The address to play the recording of {@code callId} from; 404 for a call of another organization. */
    public String requirePlayable(UUID callId) {
        UUID organization = TenantScope.requireOrganization();
        Recording recording = tx.execute(s -> find(organization, callId)).orElseThrow(() -> ApiProblem.notFound("call"));
        if (recording.deletedAt() != null) {
            throw new ApiProblem(HttpStatus.GONE, "recording-deleted", "Recording deleted",
                    "The recording of this call was deleted by an administrator.");
        }
        if (recording.url() == null) {
            throw noRecording();
        }
        return recording.url();
    }

    /** For a verified link: the recording's address, empty when the call or its recording is gone. */
    public Optional<String> playableFor(UUID organization, UUID callId) {
        return TenantScope.callAs(organization, () -> tx.execute(s -> find(organization, callId)))
                .filter(r -> r.deletedAt() == null && r.url() != null).map(Recording::url);
    }

    private Optional<Recording> find(UUID organization, UUID callId) {
        return jdbc.sql("select recording_url, recording_deleted_at from calls where organization_id = ? and id = ?")
                .params(organization, callId).query(CallRecordings::recording).optional();
    }

    private Recording lockedRecording(UUID organization, UUID callId) {
        return jdbc.sql("select recording_url, recording_deleted_at from calls where organization_id = ? and id = ? for update")
                .params(organization, callId).query(CallRecordings::recording).optional()
                .orElseThrow(() -> ApiProblem.notFound("call"));
    }

    private static Recording recording(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp deletedAt = rs.getTimestamp("recording_deleted_at");
        return new Recording(rs.getString("recording_url"), deletedAt == null ? null : deletedAt.toInstant());
    }

    private static ApiProblem noRecording() {
        return ApiProblem.conflict("no-recording",
                "This call has no recording (yet): a recording appears a few seconds after an answered call ends.");
    }
}
