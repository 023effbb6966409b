package dev.switchboard.calls;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The organization's latest calls and this month's outcomes, for pages of other modules (the
 * dashboard). Reads the organization in {@code TenantScope}.
 */
public interface CallActivity {

    /** @param number the other party: the destination of an outbound call, the caller of an inbound one */
    record RecentCall(UUID id, String direction, String number, String contactName, String status, String disposition,
                      Integer durationSeconds, Instant createdAt) {
    }

    /**
     * This local month's outcomes.
     *
     * @param answered   calls that reached a person
     * @param analyzed   calls whose analysis said whether they succeeded
     * @param successful calls the analysis marked successful
     */
    record Outcomes(long answered, long analyzed, long successful) {

        /** Successful calls as a share of analyzed ones, in percent with one decimal; null before any. */
        public Double successRate() {
            return analyzed == 0 ? null : Math.round(successful * 1000.0 / analyzed) / 10.0;
        }
    }

    List<RecentCall> recent(int limit);

    Outcomes thisMonth();
}
