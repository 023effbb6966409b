package dev.switchboard.calls.internal.usage;

import dev.switchboard.web.FormErrors;
import dev.switchboard.web.Pagination;
import dev.switchboard.web.SelectOption;
import java.time.Instant;
import java.util.List;

/**
 * The "Usage &amp; billing" settings page ({@code settings/billing}); administrators post
 * {@code ratePerMinuteUsd} and {@code increment} to {@code POST /settings/billing}. Amounts are
 * formatted already ("$12.50", "1:01").
 *
 * @param period       the current local month ("November 2026")
 * @param timeZone     the zone days and months are counted in
 * @param minutes      billable minutes this month
 * @param cost         their cost this month
 * @param calls        calls billed this month
 * @param rate         the current rate ("$0.2500 per minute, billed per second")
 * @param totals       one line about all time
 * @param ratePerMinuteUsd the rate as typed in the form
 * @param increment    the increment chosen in the form
 * @param increments   the increments to choose from
 * @param canEdit      whether the viewer may change the rate (administrators)
 * @param errors       what was wrong with the last submission
 * @param history      billed calls of the page shown
 * @param pagination   the links around that page
 */
public record BillingPageView(String period, String timeZone, String minutes, String cost, String calls, String rate,
                              String totals, String ratePerMinuteUsd, String increment, List<SelectOption> increments,
                              boolean canEdit, FormErrors errors, List<Row> history, Pagination pagination) {

    /** One billed call, formatted. */
    public record Row(String callId, Instant endedAt, String number, String direction, String duration, String billed,
                      String rate, String cost) {
    }

    public BillingPageView {
        increments = List.copyOf(increments);
        history = List.copyOf(history);
        errors = errors == null ? FormErrors.none() : errors;
    }
}
