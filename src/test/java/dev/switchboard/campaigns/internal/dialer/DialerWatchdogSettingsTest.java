package dev.switchboard.campaigns.internal.dialer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The watchdog's waits are settings; a negative one stops the start with a message naming it. */
class DialerWatchdogSettingsTest {

    @Test
    void refusesANegativeWaitNamingItsSetting() {
        assertThatThrownBy(() -> watchdog(Duration.ofMinutes(-1), Duration.ofMinutes(10), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("switchboard.dialer.stale-claim must not be negative, but was PT-1M");
        assertThatThrownBy(() -> watchdog(Duration.ofMinutes(2), Duration.ofSeconds(-5), Duration.ofHours(1)))
                .hasMessage("switchboard.dialer.unconfirmed-call must not be negative, but was PT-5S");
        assertThatThrownBy(() -> watchdog(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(-1)))
                .hasMessage("switchboard.dialer.stuck-after must not be negative, but was PT-1H");
    }

    @Test
    void acceptsZeroWaits() {
        watchdog(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    private static DialerWatchdog watchdog(Duration staleClaim, Duration unconfirmedCall, Duration stuckAfter) {
        return new DialerWatchdog(null, null, null, null, null, null, null, null, null, null, staleClaim, unconfirmedCall,
                stuckAfter);
    }
}
