package dev.switchboard.platform.internal.secrets;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.SecretCipher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The job {@code reencrypt-secrets}: moves every secret to the active key. Scheduled at start-up
 * whenever some secret is under an older key (so adding a new key first in
 * SWITCHBOARD_ENCRYPTION_KEYS and restarting is the whole rotation); one job per active key
 * version, so several nodes starting together schedule it once.
 */
@Component
class ReencryptSecretsJob implements JobHandler<Void> {

    static final String TASK = "reencrypt-secrets";

    private final SecretRotation rotation;
    private final SecretCipher cipher;
    private final Jobs jobs;

    ReencryptSecretsJob(SecretRotation rotation, SecretCipher cipher, Jobs jobs) {
        this.rotation = rotation;
        this.cipher = cipher;
        this.jobs = jobs;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Class<Void> payloadType() {
        return Void.class;
    }

    @Override
    public void run(Void payload, JobContext context) {
        rotation.reencryptAll();
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleWhenSecretsUseAnOlderKey() {
        if (rotation.needed()) {
            jobs.schedule(JobRequest.of(TASK, "to-" + cipher.activeKeyVersion(), null));
        }
    }
}
