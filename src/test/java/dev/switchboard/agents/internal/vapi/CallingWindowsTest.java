package dev.switchboard.agents.internal.vapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.agents.VoiceAgentProvider.CallWindow;
import dev.switchboard.telephony.ProviderException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallingWindowsTest {

    private static final List<int[]> OFFICE_HOURS = List.of(new int[] {9 * 60, 17 * 60});

    @Test
    void startsAtTheWindowOpeningWhenTheBatchIsEarlier() {
        // 07:00 in New York on Monday 7 January 2030.
        Instant[] range = CallingWindows.firstRange(new CallWindow(OFFICE_HOURS, "America/New_York", List.of()),
                Instant.parse("2030-01-07T12:00:00Z"));

        assertThat(range).containsExactly(Instant.parse("2030-01-07T14:00:00Z"), Instant.parse("2030-01-07T22:00:00Z"));
    }

    @Test
    void startsNowWhenTheWindowIsAlreadyOpen() {
        Instant noonInNewYork = Instant.parse("2030-01-07T17:00:00Z");

        Instant[] range = CallingWindows.firstRange(new CallWindow(OFFICE_HOURS, "America/New_York", null), noonInNewYork);

        assertThat(range).containsExactly(noonInNewYork, Instant.parse("2030-01-07T22:00:00Z"));
    }

    @Test
    void skipsToTheNextAllowedDayAfterTheWindowClosed() {
        // Friday 11 January 2030, 18:00 in New York; only weekdays allowed, so Monday 14th.
        Instant[] range = CallingWindows.firstRange(new CallWindow(OFFICE_HOURS, "America/New_York",
                List.of("monday", "Tue", "wednesday", "thursday", "friday")), Instant.parse("2030-01-11T23:00:00Z"));

        assertThat(range[0]).isEqualTo(Instant.parse("2030-01-14T14:00:00Z"));
    }

    @Test
    void refusesCallingHoursItCannotUnderstand() {
        Instant now = Instant.parse("2030-01-07T12:00:00Z");

        assertThatThrownBy(() -> CallingWindows.firstRange(new CallWindow(OFFICE_HOURS, "Mars/Olympus", List.of()), now))
                .isInstanceOf(ProviderException.class).hasMessageContaining("time zone");
        assertThatThrownBy(() -> CallingWindows.firstRange(new CallWindow(List.of(new int[] {600, 500}), "UTC", List.of()), now))
                .isInstanceOf(ProviderException.class).hasMessageContaining("start before it ends");
        assertThatThrownBy(() -> CallingWindows.firstRange(new CallWindow(OFFICE_HOURS, "UTC", List.of("someday")), now))
                .isInstanceOf(ProviderException.class).hasMessageContaining("someday");
    }
}
