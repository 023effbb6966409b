package dev.switchboard.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.platform.MailTemplateException;
import dev.switchboard.platform.OutgoingMail;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates("mail");

    @Test
    void fillsPlaceholdersAndEscapesThemOnlyInHtml() {
        OutgoingMail mail = OutgoingMail.welcome("ada@example.com", "Ada <Lovelace> & \"Co\"", "https://sb.example/sign-in");

        MailTemplates.Body body = templates.render(mail.template(), mail.model());

        assertThat(body.text()).contains("Hello Ada <Lovelace> & \"Co\",").contains("https://sb.example/sign-in")
                .doesNotContain("{{");
        assertThat(body.html()).contains("Hello Ada &lt;Lovelace&gt; &amp; &quot;Co&quot;,")
                .contains("href=\"https://sb.example/sign-in\"").doesNotContain("{{");
    }

    @Test
    void placeholderWithoutAValueIsAnErrorAtRenderTime() {
        assertThatThrownBy(() -> templates.render("password-reset", Map.of("resetUrl", "https://x")))
                .isInstanceOf(MailTemplateException.class)
                .hasMessageContaining("mail/password-reset.txt uses {{validFor}}")
                .hasMessageContaining("[resetUrl]");
    }

    @Test
    void unknownTemplateIsAnError() {
        assertThatThrownBy(() -> templates.render("no-such-template", Map.of()))
                .isInstanceOf(MailTemplateException.class)
                .hasMessageContaining("mail/no-such-template.txt does not exist");
        assertThatThrownBy(() -> templates.render("../application", Map.of()))
                .isInstanceOf(MailTemplateException.class)
                .hasMessageContaining("not a mail template name");
    }

    @Test
    void passwordResetSaysHowLongTheLinkIsValid() {
        OutgoingMail mail = OutgoingMail.passwordReset("ada@example.com", "https://sb.example/reset?t=a&b", Duration.ofHours(1));

        MailTemplates.Body body = templates.render(mail.template(), mail.model());

        assertThat(mail.subject()).isEqualTo("Reset your Switchboard password");
        assertThat(body.text()).contains("https://sb.example/reset?t=a&b").contains("valid for 1 hour");
        assertThat(body.html()).contains("https://sb.example/reset?t=a&amp;b").contains("valid for 1 hour");
    }

    @Test
    void emailChangeAndInvitationSayHowLongTheyAreValid() {
        OutgoingMail change = OutgoingMail.emailChange("new@example.com", "https://sb.example/confirm", Duration.ofMinutes(30));
        OutgoingMail invitation = OutgoingMail.invitation("bob@example.com", UUID.randomUUID(), "Acme Realty", "Ada",
                "manager", "https://sb.example/invite", Duration.ofDays(7));

        MailTemplates.Body changeBody = templates.render(change.template(), change.model());
        MailTemplates.Body invitationBody = templates.render(invitation.template(), invitation.model());

        assertThat(changeBody.text()).contains("new@example.com").contains("valid for 30 minutes");
        assertThat(invitationBody.text()).contains("Ada invited you to join Acme Realty on Switchboard as manager")
                .contains("https://sb.example/invite").contains("valid for 7 days");
        assertThat(invitationBody.html()).contains("<strong>Acme Realty</strong>").contains("valid for 7 days");
        assertThat(invitation.subject()).isEqualTo("You're invited to join Acme Realty on Switchboard");
    }

    @Test
    void outgoingMailRejectsHeaderInjectionAndMissingValues() {
        assertThatThrownBy(() -> OutgoingMail.of("a@example.com", "Hi\r\nBcc: x@evil", "welcome", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutgoingMail.of("not-an-address", "Hi", "welcome", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
