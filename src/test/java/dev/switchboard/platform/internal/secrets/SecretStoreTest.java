package dev.switchboard.platform.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.SecretCipher;
import dev.switchboard.platform.SecretDecryptionException;
import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.SecretSummary;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

@SwitchboardTest
class SecretStoreTest {

    @Autowired SecretStore secrets;
    @Autowired SecretCipher cipher;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;
    @Autowired TestDatabase database;
    @Autowired SecretsSettings settings;
    @Autowired Jobs jobs;
    @Value("${switchboard.data-directory}") Path dataDirectory;

    private SingleConnectionDataSource ownerConnection;
    private JdbcClient owner;

    @BeforeEach
    void connectAsOwner() {
        ownerConnection = database.singleOwnerConnection();
        owner = JdbcClient.create(ownerConnection);
    }

    @AfterEach
    void disconnect() {
        ownerConnection.destroy();
    }

    @Test
    void storesAnOrganizationSecretEncryptedAndReadsItBack() {
        UUID organization = newOrganization();

        TenantScope.runAs(organization, () -> secrets.put("retell-api-key", "key_live_abcdef123456"));

        assertThat(TenantScope.callAs(organization, () -> secrets.get("retell-api-key"))).contains("key_live_abcdef123456");
        String stored = owner.sql("select ciphertext from organization_secrets where organization_id = ? and name = ?")
                .params(organization, "retell-api-key").query(String.class).single();
        assertThat(stored).startsWith("v" + cipher.activeKeyVersion() + ":").doesNotContain("abcdef");
    }

    @Test
    void replacesListsAndDeletesWithoutDecrypting() {
        UUID organization = newOrganization();
        TenantScope.runAs(organization, () -> {
            secrets.put("twilio-auth-token", "first-value-0000");
            secrets.put("twilio-auth-token", "second-value-9876");
            secrets.put("pin", "1234");
        });

        List<SecretSummary> listed = TenantScope.callAs(organization, () -> secrets.list());

        assertThat(listed).extracting(SecretSummary::name).containsExactly("pin", "twilio-auth-token");
        assertThat(listed.get(1).lastFour()).isEqualTo("9876");
        assertThat(listed.get(0).lastFour()).as("too short to hint at").isNull();
        assertThat(listed.get(1).keyVersion()).isEqualTo(cipher.activeKeyVersion());
        assertThat(TenantScope.callAs(organization, () -> secrets.lastFour("twilio-auth-token"))).contains("9876");
        assertThat(TenantScope.callAs(organization, () -> secrets.get("twilio-auth-token"))).contains("second-value-9876");
        assertThat(TenantScope.callAs(organization, () -> secrets.delete("pin"))).isTrue();
        assertThat(TenantScope.callAs(organization, () -> secrets.delete("pin"))).isFalse();
        assertThat(TenantScope.callAs(organization, () -> secrets.get("pin"))).isEmpty();
        assertThat(TenantScope.callAs(organization, () -> secrets.lastFour("pin"))).isEmpty();
    }

    @Test
    void anotherOrganizationSeesNothingAndNoScopeIsAnError() {
        UUID mine = newOrganization();
        UUID theirs = newOrganization();
        TenantScope.runAs(mine, () -> secrets.put("vapi-key", "vapi_secret_value"));

        assertThat(TenantScope.callAs(theirs, () -> secrets.get("vapi-key"))).isEmpty();
        assertThat(TenantScope.callAs(theirs, () -> secrets.list())).isEmpty();
        assertThatThrownBy(() -> secrets.get("vapi-key")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherRowDoesNotDecrypt() {
        UUID organization = newOrganization();
        UUID other = newOrganization();
        TenantScope.runAs(organization, () -> secrets.put("stolen", "precious-secret-value"));
        String ciphertext = owner.sql("select ciphertext from organization_secrets where organization_id = ?")
                .param(organization).query(String.class).single();
        owner.sql("insert into organization_secrets (organization_id, name, ciphertext, key_version) values (?, ?, ?, ?)")
                .params(other, "stolen", ciphertext, cipher.activeKeyVersion()).update();
        owner.sql("insert into organization_secrets (organization_id, name, ciphertext, key_version) values (?, ?, ?, ?)")
                .params(organization, "renamed", ciphertext, cipher.activeKeyVersion()).update();

        assertThatThrownBy(() -> TenantScope.callAs(other, () -> secrets.get("stolen")))
                .isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> TenantScope.callAs(organization, () -> secrets.get("renamed")))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void rotationMovesOldSecretsToTheNewActiveKey() {
        UUID organization = newOrganization();
        TenantScope.runAs(organization, () -> {
            secrets.put("one", "first-secret-1111");
            secrets.put("two", "second-secret-2222");
        });
        String oldVersion = cipher.activeKeyVersion();
        String newVersion = "rot" + UUID.randomUUID().toString().substring(0, 8);
        byte[] newKey = new byte[32];
        new SecureRandom().nextBytes(newKey);
        KeyRing current = SecretsConfiguration.keyRing(settings, dataDirectory, new SecureRandom());
        KeyRing.Key fresh = KeyRing.parse(newVersion + ":" + Base64.getEncoder().encodeToString(newKey), "test").active();
        List<KeyRing.Key> keys = List.of(fresh, current.active());
        AesGcmSecretCipher rotatedCipher = new AesGcmSecretCipher(new KeyRing(keys), new SecureRandom());
        SecretRotation rotation = new SecretRotation(jdbc, tx, rotatedCipher);
        JdbcSecretStore rotatedStore = new JdbcSecretStore(jdbc, tx, rotatedCipher, clock);

        SecretRotation.Result result = rotation.reencryptAll();

        assertThat(result.reencrypted()).isGreaterThanOrEqualTo(2);
        List<String> versions = owner.sql("select key_version from organization_secrets where organization_id = ?")
                .param(organization).query(String.class).list();
        assertThat(versions).containsOnly(newVersion).hasSize(2);
        assertThat(owner.sql("select ciphertext from organization_secrets where organization_id = ?")
                .param(organization).query(String.class).list()).allSatisfy(c -> assertThat(c).startsWith("v" + newVersion + ":"));
        assertThat(TenantScope.callAs(organization, () -> rotatedStore.get("one"))).contains("first-secret-1111");
        assertThat(TenantScope.callAs(organization, () -> rotatedStore.get("two"))).contains("second-secret-2222");
        assertThat(TenantScope.callAs(organization, () -> rotatedStore.lastFour("two"))).contains("2222");
        assertThat(rotation.reencrypt(organization).reencrypted()).as("nothing left under " + oldVersion).isZero();
        assertThatThrownBy(() -> TenantScope.callAs(organization, () -> secrets.get("one")))
                .as("the running application does not know the new key yet")
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("key version '" + newVersion + "', which is not configured");
    }

    @Test
    void theRotationJobIsRegisteredAndRuns() {
        String instance = "test-" + UUID.randomUUID();

        assertThat(jobs.schedule(JobRequest.of(ReencryptSecretsJob.TASK, instance, null))).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> owner.sql(
                "select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(ReencryptSecretsJob.TASK, instance).query(Long.class).single() == 0);
        assertThat(owner.sql("select count(*) from parked_jobs where task_instance = ?").param(instance)
                .query(Long.class).single()).isZero();
    }

    private UUID newOrganization() {
        UUID id = UUID.randomUUID();
        owner.sql("insert into organizations (id, name) values (?, 'Secrets test')").param(id).update();
        return id;
    }
}
