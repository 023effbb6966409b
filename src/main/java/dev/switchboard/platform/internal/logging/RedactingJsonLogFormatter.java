package dev.switchboard.platform.internal.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object per log line, with the request id, and with secrets, tokens, passwords and
 * phone numbers masked wherever they appear in the message or the stack trace.
 */
public class RedactingJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String format(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((k, v) -> line.put(k, Redactor.redact(v)));
        }
        line.put("message", Redactor.redact(event.getFormattedMessage()));
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("error", Redactor.redact(thrown.getClassName() + ": " + String.valueOf(thrown.getMessage())));
            line.put("stack", Redactor.redact(ThrowableProxyUtil.asString(thrown)));
        }
        return JSON.writeValueAsString(line) + "\n";
    }
}
