package dev.switchboard.platform.internal.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.nio.charset.StandardCharsets;

/**
 * Stores task data as UTF-8 text (our tasks carry JSON strings), never as Java serialization,
 * so that stored jobs stay readable and survive class changes.
 */
final class Utf8TextSerializer implements Serializer {

    @Override
    public byte[] serialize(Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("Job data must be a JSON string, not " + data.getClass().getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T deserialize(Class<T> type, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (type == Void.class) {
            return null;
        }
        if (type == String.class || type == Object.class) {
            return (T) new String(bytes, StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("Job data can only be read as text, not as " + type.getName());
    }
}
