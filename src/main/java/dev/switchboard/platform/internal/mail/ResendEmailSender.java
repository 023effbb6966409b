package dev.switchboard.platform.internal.mail;

import dev.switchboard.platform.ProviderClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends through Resend's HTTP API ({@code POST /emails}). The outbox row's id is the
 * {@code Idempotency-Key}, so a retry after a lost answer never sends a mail twice.
 */
class ResendEmailSender implements EmailSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ResendSettings resend;
    private final MailSettings settings;
    private final ProviderClient.Factory clients;

    ResendEmailSender(ResendSettings resend, MailSettings settings, ProviderClient.Factory clients) {
        this.resend = resend;
        this.settings = settings;
        this.clients = clients;
    }

    @Override
    public boolean configured() {
        return resend.configured();
    }

    @Override
    public void send(StoredMail mail) throws MailRejected {
        ProviderClient.Response response = clients.client("resend", resend.baseUrl()).send(
                ProviderClient.Request.json("POST", "/emails", JSON.writeValueAsString(body(mail)), TIMEOUT, true)
                        .withHeader("Authorization", "Bearer " + resend.apiKey())
                        .withHeader("Idempotency-Key", mail.id().toString()));
        if (response.ok()) {
            return;
        }
        String reason = reason(response);
        if (response.status() == 401 || response.status() == 403) {
            // A key problem is the operator's to fix; retrying gives them the time to do it.
            throw new IllegalStateException("Resend refused the API key (" + response.status() + "): " + reason
                    + ". Check SWITCHBOARD_RESEND_API_KEY.");
        }
        throw new MailRejected("Resend refused the mail (" + response.status() + "): " + reason);
    }

    private Map<String, Object> body(StoredMail mail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", settings.from());
        body.put("to", List.of(mail.to()));
        body.put("subject", mail.subject());
        body.put("text", mail.bodyText());
        if (mail.bodyHtml() != null) {
            body.put("html", mail.bodyHtml());
        }
        if (mail.replyTo() != null) {
            body.put("reply_to", new ArrayList<>(List.of(mail.replyTo())));
        }
        body.put("headers", Map.of("X-Switchboard-Mail-Id", mail.id().toString()));
        return body;
    }

    /** Resend answers errors as {@code {"statusCode": 422, "name": "validation_error", "message": "…"}}. */
    private static String reason(ProviderClient.Response response) {
        try {
            JsonNode error = JSON.readTree(response.text());
            String name = error.path("name").asString("");
            String message = error.path("message").asString("");
            String both = (name + (name.isEmpty() || message.isEmpty() ? "" : ": ") + message).strip();
            return both.isEmpty() ? "no details given" : both;
        } catch (RuntimeException notJson) {
            String text = response.text().strip();
            return text.isEmpty() ? "no details given" : text.substring(0, Math.min(300, text.length()));
        }
    }
}
