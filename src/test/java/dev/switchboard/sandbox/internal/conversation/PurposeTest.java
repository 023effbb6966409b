package dev.switchboard.sandbox.internal.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PurposeTest {

    @Test
    void takesWhyTheAgentCallsFromThePromptAndAddressesThePerson() {
        assertThat(Purpose.of("You are Ava from Bright Smiles Dental. You are calling to remind the patient of their "
                + "cleaning tomorrow. Be brief.")).isEqualTo("to remind you of your cleaning tomorrow");
        assertThat(Purpose.of("Your goal is to confirm the customer's delivery address."))
                .isEqualTo("to confirm your delivery address");
        assertThat(Purpose.of("Reach them politely. You're reaching out about their expiring warranty."))
                .isEqualTo("about your expiring warranty");
    }

    @Test
    void fallsBackToAFollowUpWhenThePromptSaysNothingUsable() {
        assertThat(Purpose.of("Be friendly and concise.")).isEqualTo("to follow up on your recent request");
        assertThat(Purpose.of(null)).isEqualTo("to follow up on your recent request");
    }

    @Test
    void findsTheCompanyTheAgentSpeaksFor() {
        assertThat(Purpose.company("You are Sam, an assistant for Acme Solar Energy. Keep it short."))
                .isEqualTo("Acme Solar Energy");
        assertThat(Purpose.company("be nice")).isNull();
    }

    @Test
    void speaksAboutThePersonInTheThirdPersonForSummaries() {
        assertThat(Purpose.toThirdPerson("to remind you of your cleaning")).isEqualTo("to remind them of their cleaning");
    }
}
