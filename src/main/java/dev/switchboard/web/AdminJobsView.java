package dev.switchboard.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The platform admin's view of background jobs ({@code admin/jobs?tab=failed}). Retrying posts
 * to {@code POST /admin/jobs/{id}/retry?tab=…}, cancelling to {@code POST /admin/jobs/{id}/cancel?tab=…}
 * (the tab to return to).
 *
 * @param tab        the tab shown
 * @param counts     how many jobs each tab holds (missing tabs count 0)
 * @param jobs       the jobs of the tab shown, on this page
 * @param pagination links to the neighbouring pages
 */
public record AdminJobsView(Tab tab, Map<Tab, Long> counts, List<Job> jobs, Pagination pagination) {

    /** The states jobs are grouped by. */
    public enum Tab {
        SCHEDULED("Scheduled"), RUNNING("Running"), FAILED("Failed"), PARKED("Parked");

        private final String label;

        Tab(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The value of the {@code tab} query parameter. */
        public String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether jobs in this state can be run again now. */
        public boolean retryable() {
            return this == FAILED || this == PARKED;
        }

        /** Whether jobs in this state can be cancelled (a running job finishes first). */
        public boolean cancellable() {
            return this != RUNNING;
        }
    }

    /**
     * One job.
     *
     * @param id          an opaque id naming its task and instance, safe in a URL path
     * @param task        the task it runs ("campaign-dispatch")
     * @param instance    what it runs on ("campaign 7f3a…")
     * @param runAt       when it runs (or ran, or last failed)
     * @param failures    consecutive failures so far
     * @param lastError   the last failure's message, or null
     * @param pickedBy    the node running it, or null
     * @param recurring   whether it runs on a schedule (it can be run now, but not cancelled)
     */
    public record Job(String id, String task, String instance, Instant runAt, int failures, String lastError, String pickedBy,
                      boolean recurring) {
    }

    public AdminJobsView {
        tab = tab == null ? Tab.SCHEDULED : tab;
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
    }

    /** How many jobs {@code t} holds. */
    public long count(Tab t) {
        return counts.getOrDefault(t, 0L);
    }
}
