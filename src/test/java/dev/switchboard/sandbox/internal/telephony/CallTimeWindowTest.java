package dev.switchboard.sandbox.internal.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.Json;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CallTimeWindowTest {

    private static CallTimeWindow window(String json) {
        return CallTimeWindow.parse(Json.parse(json));
    }

    private static Instant at(String localDateTime, String zone) {
        return ZonedDateTime.parse(localDateTime + zone).toInstant();
    }

    @Test
    void isOpenFromItsStartUntilJustBeforeItsEnd() {
        CallTimeWindow nineToFive = window("{\"windows\": [{\"start\": 540, \"end\": 1020}], \"timezone\": \"America/New_York\"}");

        assertThat(nineToFive.isOpen(at("2026-03-02T08:59:59", "-05:00[America/New_York]"))).isFalse();
        assertThat(nineToFive.isOpen(at("2026-03-02T09:00:00", "-05:00[America/New_York]"))).isTrue();
        assertThat(nineToFive.isOpen(at("2026-03-02T16:59:59", "-05:00[America/New_York]"))).isTrue();
        assertThat(nineToFive.isOpen(at("2026-03-02T17:00:00", "-05:00[America/New_York]"))).isFalse();
    }

    @Test
    void opensNextOnTheNextListedDay() {
        CallTimeWindow weekdays = window("{\"windows\": [{\"start\": 600, \"end\": 720}, {\"start\": 780, \"end\": 1440}],"
                + " \"timezone\": \"Europe/Paris\", \"day\": [\"Monday\", \"Friday\"]}");
        Instant saturdayNight = at("2026-03-07T23:00:00", "+01:00[Europe/Paris]");

        assertThat(weekdays.nextOpening(saturdayNight)).isEqualTo(at("2026-03-09T10:00:00", "+01:00[Europe/Paris]"));
        assertThat(weekdays.nextOpening(at("2026-03-09T12:30:00", "+01:00[Europe/Paris]")))
                .isEqualTo(at("2026-03-09T13:00:00", "+01:00[Europe/Paris]"));
        assertThat(weekdays.isOpen(at("2026-03-09T23:59:59", "+01:00[Europe/Paris]"))).as("end 1440 is midnight")
                .isTrue();
    }

    @Test
    void defaultsToLosAngelesAndEveryDay() {
        CallTimeWindow window = window("{\"windows\": [{\"start\": 0, \"end\": 60}]}");

        assertThat(window.zone().getId()).isEqualTo("America/Los_Angeles");
        assertThat(window.days()).isEmpty();
        assertThat(window.toJson().get("timezone").asString()).isEqualTo("America/Los_Angeles");
    }

    @Test
    void refusesWindowsThatCrossMidnightOrUnknownZonesAndDays() {
        assertThatThrownBy(() -> window("{\"windows\": [{\"start\": 1320, \"end\": 120}]}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("cannot cross midnight");
        assertThatThrownBy(() -> window("{\"windows\": [{\"start\": 0, \"end\": 60}], \"timezone\": \"Mars/Olympus\"}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("timezone");
        assertThatThrownBy(() -> window("{\"windows\": [{\"start\": 0, \"end\": 60}], \"day\": [\"Funday\"]}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("Funday");
        assertThatThrownBy(() -> window("{\"windows\": []}")).isInstanceOf(ApiException.class);
    }
}
