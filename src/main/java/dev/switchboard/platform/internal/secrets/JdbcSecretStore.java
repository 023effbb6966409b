package dev.switchboard.platform.internal.secrets;

import dev.switchboard.platform.SecretCipher;
import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.SecretSummary;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Organization secrets in {@code organization_secrets}. Every call runs in a transaction (joining
 * the caller's), because row-level security only knows the organization inside one.
 */
@Component
class JdbcSecretStore implements SecretStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int HINT_MIN_LENGTH = 8;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretCipher cipher;
    private final Clock clock;

    JdbcSecretStore(JdbcClient jdbc, TransactionTemplate tx, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** What a secret's ciphertext is bound to: moved to another organization or name, it fails. */
    static String context(UUID organization, String name) {
        return "organization_secrets:" + organization + ":" + name;
    }

    @Override
    public void put(String name, String value) {
        requireName(name);
        if (value == null) {
            throw new IllegalArgumentException("A secret needs a value; delete it instead");
        }
        UUID organization = TenantScope.requireOrganization();
        String ciphertext = cipher.encrypt(value, context(organization, name));
        String lastFour = value.length() >= HINT_MIN_LENGTH ? value.substring(value.length() - 4) : null;
        tx.executeWithoutResult(status -> jdbc.sql("""
                insert into organization_secrets (organization_id, name, ciphertext, key_version, last_four, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (organization_id, name) do update
                   set ciphertext = excluded.ciphertext, key_version = excluded.key_version,
                       last_four = excluded.last_four, updated_at = excluded.updated_at""")
                .params(organization, name, ciphertext, cipher.activeKeyVersion(), lastFour,
                        Timestamp.from(clock.instant()))
                .update());
    }

    @Override
    public Optional<String> get(String name) {
        requireName(name);
        UUID organization = TenantScope.requireOrganization();
        Optional<String> ciphertext = tx.execute(status -> jdbc.sql(
                "select ciphertext from organization_secrets where organization_id = ? and name = ?")
                .params(organization, name)
                .query(String.class)
                .optional());
        return ciphertext.map(c -> cipher.decrypt(c, context(organization, name)));
    }

    @Override
    public boolean delete(String name) {
        requireName(name);
        UUID organization = TenantScope.requireOrganization();
        Integer deleted = tx.execute(status -> jdbc.sql(
                "delete from organization_secrets where organization_id = ? and name = ?")
                .params(organization, name)
                .update());
        return deleted != null && deleted > 0;
    }

    @Override
    public Optional<String> lastFour(String name) {
        requireName(name);
        UUID organization = TenantScope.requireOrganization();
        List<String> hints = tx.execute(status -> jdbc.sql(
                "select last_four from organization_secrets where organization_id = ? and name = ?")
                .params(organization, name)
                .query((rs, n) -> rs.getString("last_four"))
                .list());
        return hints == null || hints.isEmpty() ? Optional.empty() : Optional.ofNullable(hints.getFirst());
    }

    @Override
    public List<SecretSummary> list() {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(status -> jdbc.sql("""
                select name, last_four, key_version, updated_at from organization_secrets
                 where organization_id = ? order by name""")
                .param(organization)
                .query((rs, n) -> new SecretSummary(rs.getString("name"), rs.getString("last_four"),
                        rs.getString("key_version"), rs.getTimestamp("updated_at").toInstant()))
                .list());
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a secret name: use 1 to 100 letters, digits, "
                    + "dots, dashes or underscores, starting with a letter or digit");
        }
    }
}
