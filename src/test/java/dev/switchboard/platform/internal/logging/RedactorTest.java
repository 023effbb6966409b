package dev.switchboard.platform.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksCredentialsByName() {
        assertThat(Redactor.redact("password=hunter2hunter2 user=ann")).isEqualTo("password=[REDACTED] user=ann");
        assertThat(Redactor.redact("{\"refreshToken\":\"abc.def\",\"x\":1}")).isEqualTo("{\"refreshToken\":\"[REDACTED]\",\"x\":1}");
        assertThat(Redactor.redact("Authorization: Bearer abc.def-ghi")).doesNotContain("abc.def-ghi");
    }

    @Test
    void masksSwitchboardTokensAndJwtsAnywhere() {
        String key = "sbk_" + "A".repeat(43);
        assertThat(Redactor.redact("key " + key + " used")).isEqualTo("key [REDACTED-TOKEN] used");
        assertThat(Redactor.redact("got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")).isEqualTo("got [REDACTED-JWT]");
    }

    @Test
    void masksPhoneNumbersButKeepsTheirLastTwoDigits() {
        assertThat(Redactor.redact("calling +14155551234 now")).isEqualTo("calling [PHONE..34] now");
        assertThat(Redactor.redact("call (415) 555-1234")).isEqualTo("call [PHONE..34]");
        assertThat(Redactor.redact("call 415-555-1234.")).isEqualTo("call [PHONE..34].");
        assertThat(Redactor.redact("raw 4155551234")).isEqualTo("raw [PHONE..34]");
        assertThat(Redactor.redact("uk +44 7700 900123")).isEqualTo("uk [PHONE..23]");
    }

    @Test
    void leavesTimestampsIdsAndCountsAlone() {
        String line = "at 2026-11-22T10:15:30Z request 3f2b8c1e-0d4a-4c3e-9b1a-2f6d7e8a9b0c took 1763810130 ms, 1763810130123, port 54329";
        assertThat(Redactor.redact(line)).isEqualTo(line);
    }
}
