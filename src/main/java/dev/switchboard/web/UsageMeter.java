package dev.switchboard.web;

/**
 * One usage counter of the current billing period ("Call minutes: 1,204 of 5,000").
 *
 * @param label what is counted
 * @param used  how much has been used this period
 * @param limit the plan's limit, or null when unlimited
 * @param unit  the unit after the number ("min", "calls"), or null
 */
public record UsageMeter(String label, long used, Long limit, String unit) {

    /** The share of the limit used, 0 to 100; 0 when unlimited. */
    public int percent() {
        if (limit == null || limit <= 0) {
            return 0;
        }
        return (int) Math.min(100, Math.round(used * 100.0 / limit));
    }

    /** Whether the counter is close enough to its limit to be shown as a warning (80 % or more). */
    public boolean nearLimit() {
        return limit != null && percent() >= 80;
    }
}
