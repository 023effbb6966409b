package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(10), 2, Duration.ofSeconds(60), 0.2);

    @Test
    void delayDoublesWithEachAttemptWithoutJitterInTheMiddle() {
        assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delayAfter(3, 0.5)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void delayIsCappedAtTheMaximum() {
        assertThat(policy.delayAfter(4, 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(30, 0.5)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterVariesTheDelayWithinItsFraction() {
        assertThat(policy.delayAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(1, 0.999999)).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    }

    @Test
    void rejectsPoliciesThatCannotWork() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 0))
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 1))
                .hasMessageContaining("jitter");
    }

    @Test
    void withBaseDelayKeepsTheMaximumAtLeastAsLong() {
        RetryPolicy longer = policy.withBaseDelay(Duration.ofMinutes(5));
        assertThat(longer.maxDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(longer.delayAfter(3, 0.5)).isEqualTo(Duration.ofMinutes(5));
    }
}
