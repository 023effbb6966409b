package dev.switchboard.identity.internal.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LoggingInvitationNotifierTest {

    @Test
    void logsTheInvitationButNeverItsLink(CapturedOutput output) {
        String secret = "sbi_" + "k".repeat(43);
        new LoggingInvitationNotifier().invitationCreated("grace@example.com", "Acme Dental", "Ada Admin", Role.MANAGER,
                "https://switchboard.example/invitations/" + secret, Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(output.getOut()).contains("grace@example.com", "Acme Dental", "manager");
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain("/invitations/");
    }
}
