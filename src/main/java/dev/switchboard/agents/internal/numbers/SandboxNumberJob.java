package dev.switchboard.agents.internal.numbers;

import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.telephony.NumberRegistry;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import java.security.SecureRandom;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Gives a new organization that runs on the sandbox a sandbox number as its primary, known to
 * the sandbox, so calls work from the first minute without a vendor account.
 */
@Component
class SandboxNumberJob implements JobHandler<SandboxNumberJob.Payload> {

    static final String TASK = "provision-sandbox-number";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Payload(UUID organizationId, String organizationName) {
    }

    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final NumberRegistry numbers;

    SandboxNumberJob(ProviderAccounts accounts, VoiceAgentProviders providers, NumberRegistry numbers) {
        this.accounts = accounts;
        this.providers = providers;
        this.numbers = numbers;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    @Override
    public void run(Payload payload, JobContext context) {
        ProviderAccount account = accounts.voiceAccount();
        if (!"sandbox".equals(account.provider()) || numbers.hasNumberOf(payload.organizationId(), "sandbox")) {
            return;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            // 555-01xx style numbers are fictional; sandbox numbers never reach the real telephone network.
            String e164 = "+1415555" + String.format("%04d", RANDOM.nextInt(10_000));
            try {
                providers.forAccount(account).importPhoneNumber(account, e164, null, null,
                        payload.organizationName() + " (sandbox)");
                numbers.registerAndAssign(payload.organizationId(), e164, "Sandbox line", "sandbox");
                return;
            } catch (DuplicateKeyException taken) {
                // another organization has this number; draw again
            }
        }
        throw new IllegalStateException("No free sandbox number found after 20 draws");
    }
}
