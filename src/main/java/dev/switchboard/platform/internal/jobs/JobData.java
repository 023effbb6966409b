package dev.switchboard.platform.internal.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What is stored with a one-off job, as JSON (never Java serialization) so that an administrator
 * can read it: the organization, the handler's payload, and once an attempt failed, the first
 * failure's time and the last error.
 */
record JobData(UUID organizationId, JsonNode payload, String lastError, Instant firstFailedAt) {

    private static final int MAX_ERROR_LENGTH = 2000;

    static JobData of(UUID organizationId, JsonNode payload) {
        return new JobData(organizationId, payload, null, null);
    }

    static JobData read(JsonMapper json, byte[] stored) {
        if (stored == null || stored.length == 0) {
            return new JobData(null, null, null, null);
        }
        JsonNode node = json.readTree(new String(stored, StandardCharsets.UTF_8));
        return new JobData(
                text(node, "organizationId") == null ? null : UUID.fromString(text(node, "organizationId")),
                node.get("payload"),
                text(node, "lastError"),
                text(node, "firstFailedAt") == null ? null : Instant.parse(text(node, "firstFailedAt")));
    }

    static JobData read(JsonMapper json, String stored) {
        return read(json, stored == null ? null : stored.getBytes(StandardCharsets.UTF_8));
    }

    String write(JsonMapper json) {
        ObjectNode node = json.createObjectNode();
        if (organizationId != null) {
            node.put("organizationId", organizationId.toString());
        }
        node.set("payload", payload == null ? json.nullNode() : payload);
        if (lastError != null) {
            node.put("lastError", lastError);
        }
        if (firstFailedAt != null) {
            node.put("firstFailedAt", firstFailedAt.toString());
        }
        return json.writeValueAsString(node);
    }

    byte[] bytes(JsonMapper json) {
        return write(json).getBytes(StandardCharsets.UTF_8);
    }

    /** This data after a failed attempt: the first failure's time is kept. */
    JobData failed(String error, Instant at) {
        String shortened = error != null && error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        return new JobData(organizationId, payload, shortened, firstFailedAt == null ? at : firstFailedAt);
    }

    /** This data without failure information, for a fresh set of attempts. */
    JobData fresh() {
        return new JobData(organizationId, payload, null, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
