package dev.switchboard.platform.internal.mail;

import dev.switchboard.platform.MailOutbox;
import dev.switchboard.platform.OutboxMail;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcMailOutbox implements MailOutbox {

    private static final String COLUMNS = """
            id, subject_organization_id, to_address, reply_to, subject, body_text, body_html, template, status,
            attempts, last_error, created_at, sent_at""";

    private final JdbcClient jdbc;

    JdbcMailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Page<OutboxMail> list(PageRequest page) {
        long total = jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();
        List<OutboxMail> items = jdbc.sql("select " + COLUMNS + " from mail_outbox order by created_at desc, id "
                        + "limit ? offset ?")
                .params(page.size(), page.offset())
                .query((rs, n) -> mail(rs))
                .list();
        return new Page<>(items, page, total);
    }

    @Override
    public Optional<OutboxMail> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = ?")
                .param(id)
                .query((rs, n) -> mail(rs))
                .optional();
    }

    private static OutboxMail mail(ResultSet rs) throws SQLException {
        return new OutboxMail(rs.getObject("id", UUID.class), rs.getObject("subject_organization_id", UUID.class),
                rs.getString("to_address"), rs.getString("reply_to"), rs.getString("subject"),
                rs.getString("body_text"), rs.getString("body_html"), rs.getString("template"),
                OutboxMail.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
