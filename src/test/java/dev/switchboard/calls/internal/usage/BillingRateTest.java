package dev.switchboard.calls.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.platform.ApiProblem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What a call costs at a rate, and which rates an administrator may set. */
class BillingRateTest {

    private static final BillingRate PER_SECOND = new BillingRate(new BigDecimal("0.2500"), BillingIncrement.SECOND);
    private static final BillingRate PER_MINUTE = new BillingRate(new BigDecimal("0.2500"), BillingIncrement.MINUTE);

    @Test
    void perSecondBillsEveryStartedSecond() {
        BillingRate.Charge charge = PER_SECOND.charge(61);
        assertThat(charge.billableSeconds()).isEqualTo(61);
        assertThat(charge.costUsd()).isEqualByComparingTo("0.254167");
    }

    @Test
    void perMinuteBillsEveryStartedMinute() {
        assertThat(PER_MINUTE.charge(61).billableSeconds()).isEqualTo(120);
        assertThat(PER_MINUTE.charge(61).costUsd()).isEqualByComparingTo("0.50");
        assertThat(PER_MINUTE.charge(60).billableSeconds()).isEqualTo(60);
        assertThat(PER_MINUTE.charge(1).costUsd()).isEqualByComparingTo("0.25");
    }

    @Test
    void theDefaultIsAQuarterDollarPerMinuteBilledPerSecond() {
        assertThat(BillingRate.DEFAULT).isEqualTo(PER_SECOND);
        assertThat(BillingRate.DEFAULT.charge(60).costUsd()).isEqualByComparingTo("0.25");
    }

    @Test
    void aCustomRateIsAppliedToTheBilledMinutes() {
        BillingRate custom = new BillingRate(new BigDecimal("0.0725"), BillingIncrement.MINUTE);
        assertThat(custom.charge(90).costUsd()).isEqualByComparingTo("0.145");
        assertThat(new BillingRate(BigDecimal.ZERO, BillingIncrement.SECOND).charge(300).costUsd()).isZero();
    }

    @Test
    void aCallWithoutDurationCostsNothing() {
        assertThat(PER_MINUTE.charge(0).billable()).isFalse();
        assertThat(PER_MINUTE.charge(0).costUsd()).isZero();
        assertThat(PER_SECOND.charge(-5).billableSeconds()).isZero();
    }

    @Test
    void ratesAreBetweenZeroAndOneHundredDollarsWithFourDecimals() {
        assertThat(UsageService.validRate(change("100", "minute")).ratePerMinute()).isEqualByComparingTo("100");
        assertThat(UsageService.validRate(change("0.07250", "SECOND")).ratePerMinute()).isEqualByComparingTo("0.0725");
        assertRefused(change("100.0001", "second"), "ratePerMinuteUsd", "between 0 and 100");
        assertRefused(change("-0.01", "second"), "ratePerMinuteUsd", "between 0 and 100");
        assertRefused(change("0.12345", "second"), "ratePerMinuteUsd", "at most 4 decimals");
        assertRefused(change(null, "second"), "ratePerMinuteUsd", "is required");
        assertRefused(change("0.25", "hour"), "increment", "second or minute");
        assertRefused(null, "ratePerMinuteUsd", "is required");
    }

    private static UsageService.ChangeBilling change(String rate, String increment) {
        return new UsageService.ChangeBilling(rate == null ? null : new BigDecimal(rate), increment);
    }

    private static void assertRefused(UsageService.ChangeBilling change, String field, String message) {
        assertThatThrownBy(() -> UsageService.validRate(change)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status().value()).isEqualTo(422);
            assertThat(problem.errors()).anySatisfy(error -> {
                assertThat(error.field()).isEqualTo(field);
                assertThat(error.message()).contains(message);
            });
        });
    }
}
