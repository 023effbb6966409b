package dev.switchboard.identity.internal.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The global user table: accounts exist independently of the organizations they join. */
@Component
public class Users {

    /** A user account. */
    public record User(UUID id, String email, String fullName, String passwordHash, boolean platformAdmin,
                       Instant disabledAt, Instant createdAt, Instant lastSignInAt) {
        public String displayName() {
            return fullName == null || fullName.isBlank() ? email : fullName;
        }
    }

    private static final String COLUMNS =
            "id, email, full_name, password_hash, platform_role, disabled_at, created_at, last_sign_in_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Users(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<User> byEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where lower(email) = lower(?)").param(email.trim())
                .query(Users::map).optional();
    }

    public Optional<User> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?").param(id).query(Users::map).optional();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from users where lower(email) = lower(?))").param(email.trim())
                .query(Boolean.class).single();
    }

    public UUID create(String email, String fullName, String passwordHash, boolean platformAdmin) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into users (id, email, full_name, password_hash, platform_role, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, email.trim(), fullName, passwordHash, platformAdmin ? "platform_admin" : null, now, now)
                .update();
        return id;
    }

    public void setPassword(UUID id, String passwordHash) {
        jdbc.sql("update users set password_hash = ?, updated_at = ? where id = ?")
                .params(passwordHash, Timestamp.from(clock.instant()), id).update();
    }

    public void setEmail(UUID id, String email) {
        jdbc.sql("update users set email = ?, email_verified_at = ?, updated_at = ? where id = ?")
                .params(email.trim(), Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), id).update();
    }

    /** Records that the user proved they receive mail at their address (for example by an emailed link). */
    public void markEmailVerified(UUID id) {
        jdbc.sql("update users set email_verified_at = coalesce(email_verified_at, ?), updated_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), id).update();
    }

    public void setPlatformAdmin(UUID id, boolean platformAdmin) {
        jdbc.sql("update users set platform_role = ?, updated_at = ? where id = ?")
                .params(platformAdmin ? "platform_admin" : null, Timestamp.from(clock.instant()), id).update();
    }

    public void signedIn(UUID id) {
        jdbc.sql("update users set last_sign_in_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
    }

    public boolean anyPlatformAdmin() {
        return jdbc.sql("select exists (select 1 from users where platform_role = 'platform_admin')")
                .query(Boolean.class).single();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"),
                rs.getString("password_hash"), "platform_admin".equals(rs.getString("platform_role")),
                instant(rs, "disabled_at"), instant(rs, "created_at"), instant(rs, "last_sign_in_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
