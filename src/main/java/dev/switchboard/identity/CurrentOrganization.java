package dev.switchboard.identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The organization the current request works for, as other modules' pages show it (the
 * dashboard's usage card, for instance). Any member may read it; a request without an
 * organization is a programming error, because pages of an organization send such users away
 * first ({@link RequiresPermission}).
 */
public interface CurrentOrganization {

    /** Name, plan and call-minute counters of the current organization. */
    Overview overview();

    /**
     * What every member may know about their organization.
     *
     * @param name             its name
     * @param planTier         its plan ({@code starter}, {@code professional}, {@code enterprise})
     * @param timeZone         the zone its times are shown in
     * @param minutesThisMonth call minutes used since the counters were last reset (the 1st)
     * @param minutesTotal     call minutes used since it was created
     * @param createdAt        when it was created
     */
    record Overview(String name, String planTier, ZoneId timeZone, BigDecimal minutesThisMonth, BigDecimal minutesTotal,
                    Instant createdAt) {
    }
}
