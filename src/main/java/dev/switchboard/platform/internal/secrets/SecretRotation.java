package dev.switchboard.platform.internal.secrets;

import dev.switchboard.platform.SecretCipher;
import dev.switchboard.platform.SecretDecryptionException;
import dev.switchboard.platform.TenantScope;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts every organization secret that is not under the active key, one organization at a
 * time inside its own tenant scope (a narrow security-definer function lists which organizations
 * have such secrets, and nothing else). After a run, the old key can be removed from the
 * configuration once no row names it.
 */
@Component
class SecretRotation {

    /** What a run did. */
    record Result(int reencrypted, int failed) {
    }

    private record Row(String name, String ciphertext) {
    }

    private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretCipher cipher;

    SecretRotation(JdbcClient jdbc, TransactionTemplate tx, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.cipher = cipher;
    }

    /** Whether any secret is encrypted under another key than the active one. */
    boolean needed() {
        return !organizationsToReencrypt().isEmpty();
    }

    Result reencryptAll() {
        int done = 0;
        int failed = 0;
        for (UUID organization : organizationsToReencrypt()) {
            Result r = reencrypt(organization);
            done += r.reencrypted();
            failed += r.failed();
        }
        if (done > 0 || failed > 0) {
            log.info("Re-encrypted {} secrets under key version {}; {} could not be decrypted and were left as they are",
                    done, cipher.activeKeyVersion(), failed);
        }
        return new Result(done, failed);
    }

    Result reencrypt(UUID organization) {
        String active = cipher.activeKeyVersion();
        return TenantScope.callAs(organization, () -> tx.execute(status -> {
            List<Row> rows = jdbc.sql("""
                    select name, ciphertext from organization_secrets
                     where organization_id = ? and key_version <> ?
                     order by name for update""")
                    .params(organization, active)
                    .query((rs, n) -> new Row(rs.getString("name"), rs.getString("ciphertext")))
                    .list();
            int done = 0;
            int failed = 0;
            for (Row row : rows) {
                String context = JdbcSecretStore.context(organization, row.name());
                String plaintext;
                try {
                    plaintext = cipher.decrypt(row.ciphertext(), context);
                } catch (SecretDecryptionException e) {
                    failed++;
                    log.warn("Secret '{}' of organization {} was not re-encrypted: {}", row.name(), organization,
                            e.getMessage());
                    continue;
                }
                // updated_at stays: it says when the value was set, and rotation does not change the value.
                jdbc.sql("""
                        update organization_secrets set ciphertext = ?, key_version = ?
                         where organization_id = ? and name = ?""")
                        .params(cipher.encrypt(plaintext, context), active, organization, row.name())
                        .update();
                done++;
            }
            return new Result(done, failed);
        }));
    }

    private List<UUID> organizationsToReencrypt() {
        return jdbc.sql("select organization_id from organizations_with_secrets_to_reencrypt(?)")
                .param(cipher.activeKeyVersion())
                .query(UUID.class)
                .list();
    }
}
