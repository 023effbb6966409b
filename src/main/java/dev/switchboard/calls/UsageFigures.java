package dev.switchboard.calls;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The current organization's call usage as other modules' pages show it (the dashboard, for
 * instance). Days and months are the organization's local ones. Any member may read it; it reads
 * the organization in {@code TenantScope}, so call it from a request or job that has one.
 */
public interface UsageFigures {

    /** The figures of the organization in scope, now. */
    Figures current();

    /**
     * Usage at a glance.
     *
     * @param timeZone           the zone days and months are counted in
     * @param periodStart        the 1st of the current local month
     * @param callsToday         calls recorded (placed or received) since local midnight
     * @param callsThisMonth     calls recorded since the 1st
     * @param billedCallsThisMonth calls billed since the 1st (those that lasted)
     * @param minutesThisMonth   billable minutes since the 1st
     * @param costThisMonthUsd   what those minutes cost at the organization's rate, in USD
     * @param minutesTotal       billable minutes since the organization was created
     * @param ratePerMinuteUsd   the organization's current price of a call minute
     */
    record Figures(ZoneId timeZone, LocalDate periodStart, long callsToday, long callsThisMonth,
                   long billedCallsThisMonth, BigDecimal minutesThisMonth, BigDecimal costThisMonthUsd,
                   BigDecimal minutesTotal, BigDecimal ratePerMinuteUsd) {
    }
}
