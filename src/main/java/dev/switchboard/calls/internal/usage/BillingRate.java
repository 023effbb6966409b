package dev.switchboard.calls.internal.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What an organization pays for its calls: a price per minute in USD and the increment calls are
 * billed in. A call's cost is its billable minutes times the rate, kept to a millionth of a dollar
 * so that per-second billing loses nothing visible when many calls are added up.
 */
record BillingRate(BigDecimal ratePerMinute, BillingIncrement increment) {

    /** The rate of an organization that never changed it: 0.25 USD per minute, billed per second. */
    static final BillingRate DEFAULT = new BillingRate(new BigDecimal("0.2500"), BillingIncrement.SECOND);

    static final BigDecimal MAX_RATE = new BigDecimal("100");
    static final int RATE_SCALE = 4;
    static final int COST_SCALE = 6;
    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

    BillingRate {
        Objects.requireNonNull(ratePerMinute, "ratePerMinute");
        Objects.requireNonNull(increment, "increment");
    }

    /** What a call of {@code durationSeconds} costs; a call without duration costs nothing. */
    Charge charge(long durationSeconds) {
        long billable = increment.billableSeconds(durationSeconds);
        BigDecimal cost = ratePerMinute.multiply(BigDecimal.valueOf(billable))
                .divide(SECONDS_PER_MINUTE, COST_SCALE, RoundingMode.HALF_UP);
        return new Charge(billable, cost);
    }

    /**
     * The bill of one call.
     *
     * @param billableSeconds the duration rounded up to the increment
     * @param costUsd         billable minutes times the rate per minute
     */
    record Charge(long billableSeconds, BigDecimal costUsd) {

        boolean billable() {
            return billableSeconds > 0;
        }
    }
}
