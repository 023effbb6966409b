package dev.switchboard.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the e-mails the server stored in its outbox (tests run with no SMTP server). */
public final class Outbox {

    private Outbox() {
    }

    /** The text body of the newest mail to {@code address} with {@code template}. */
    public static String latest(TestDatabase database, String address, String template) {
        JdbcClient owner = database.owner();
        return owner.sql("select body_text from mail_outbox where lower(to_address) = lower(?) and template = ? "
                        + "order by created_at desc limit 1")
                .params(address, template).query(String.class).optional()
                .orElseThrow(() -> new AssertionError("No '" + template + "' mail to " + address + " in the outbox"));
    }

    public static long count(TestDatabase database, String address, String template) {
        return database.owner().sql("select count(*) from mail_outbox where lower(to_address) = lower(?) and template = ?")
                .params(address, template).query(Long.class).single();
    }

    /** The first Switchboard token (sb?_…) in a text. */
    public static String token(String text) {
        Matcher m = Pattern.compile("sb[a-z]_[A-Za-z0-9_-]{43}").matcher(text);
        if (!m.find()) {
            throw new AssertionError("No token in: " + text);
        }
        return m.group();
    }
}
