package dev.switchboard.calls.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.platform.ApiProblem;
import org.junit.jupiter.api.Test;

/** Destination numbers: national formats read in the organization's region; test patterns refused with the reason. */
class OutboundNumbersTest {

    @Test
    void nationalFormatsBecomeE164InTheOrganizationsRegion() {
        assertThat(OutboundNumbers.destination("(415) 555-1234", "US", false)).isEqualTo("+14155551234");
        assertThat(OutboundNumbers.destination("415-555-1234", "US", false)).isEqualTo("+14155551234");
        assertThat(OutboundNumbers.destination("4155551234", "US", false)).isEqualTo("+14155551234");
        assertThat(OutboundNumbers.destination("020 7946 0018", "GB", false)).isEqualTo("+442079460018");
    }

    @Test
    void testPatternsAreRefusedNamingTheField() {
        assertRefused("+15551234567", "area code 555");
        assertRefused("+11235551234", "area code 123");
        assertRefused("(415) 555-0142", "reserved for fiction");
        assertRefused("12", "not a phone number");
    }

    @Test
    void sandboxTestNumbersOnlyOnTheSandbox() {
        assertThat(OutboundNumbers.destination("+14155550003", "US", true)).isEqualTo("+14155550003");
        assertRefused("+14155550003", "only the sandbox can call");
        assertThatThrownBy(() -> OutboundNumbers.destination("+14155550142", "US", true)).isInstanceOf(ApiProblem.class);
    }

    private static void assertRefused(String number, String reason) {
        assertThatThrownBy(() -> OutboundNumbers.destination(number, "US", false))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("'to'")
                .hasMessageContaining(reason);
    }
}
