package dev.switchboard.telephony.internal.accounts;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.CredentialCheck;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider accounts per organization: the platform's by default, the organization's own when it
 * brings them. Own credentials are checked with the vendor before they are kept, kept
 * encrypted, shown only by their last four characters, and every change is audited.
 */
@Service
@EnableConfigurationProperties(ProviderSettings.class)
public class ProviderAccountService implements ProviderAccounts {

    /** How an organization stands with one provider, as shown to its administrators. */
    public record Integration(String provider, String mode, String keyLastFour, Map<String, Object> settings,
                              Instant validatedAt, boolean platformAccountAvailable) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> OWNABLE = List.of("retell", "vapi", "twilio");

    private final ProviderSettings settings;
    private final SandboxLocation sandbox;
    private final SecretStore secrets;
    private final List<CredentialCheck> checks;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    ProviderAccountService(ProviderSettings settings, SandboxLocation sandbox, SecretStore secrets,
                           List<CredentialCheck> checks, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit,
                           Clock clock) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.secrets = secrets;
        this.checks = checks;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ProviderAccount voiceAccount() {
        Optional<ProviderAccount> own = ownAccount(List.of("retell", "vapi"));
        if (own.isPresent()) {
            return own.get();
        }
        return switch (settings.voice()) {
            case "retell" -> new ProviderAccount("retell", settings.retellBaseUrl(), settings.retellApiKey(), Map.of(), false);
            case "vapi" -> new ProviderAccount("vapi", settings.vapiBaseUrl(), settings.vapiApiKey(), Map.of(), false);
            default -> sandboxAccount();
        };
    }

    @Override
    public ProviderAccount telephonyAccount() {
        Optional<ProviderAccount> own = ownAccount("twilio");
        if (own.isPresent()) {
            return own.get();
        }
        if (settings.telephony().equals("twilio")) {
            return new ProviderAccount("twilio", settings.twilioBaseUrl(), settings.twilioAuthToken(),
                    Map.of("accountSid", settings.twilioAccountSid()), false);
        }
        return sandboxAccount();
    }

    @Override
    public List<String> signingKeys(String provider, UUID organizationId) {
        List<String> keys = new ArrayList<>();
        switch (provider) {
            case "retell" -> {
                if (settings.retellApiKey() != null) {
                    keys.add(settings.retellApiKey());
                }
                keys.add(settings.sandboxApiKey());
            }
            case "vapi" -> {
                if (settings.vapiApiKey() != null) {
                    keys.add(settings.vapiApiKey());
                }
            }
            case "twilio" -> {
                if (settings.twilioAuthToken() != null) {
                    keys.add(settings.twilioAuthToken());
                }
            }
            default -> {
            }
        }
        if (organizationId != null) {
            TenantScope.callAs(organizationId, () -> ownAccount(provider)).map(ProviderAccount::apiKey).ifPresent(keys::add);
        }
        return keys;
    }

    private ProviderAccount sandboxAccount() {
        return new ProviderAccount("sandbox", sandbox.baseUrl(), settings.sandboxApiKey(), Map.of(), false);
    }

    /** Every provider an organization may bring its own account for, and how it stands. */
    public List<Integration> integrations() {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> {
            List<Integration> all = new ArrayList<>();
            for (String provider : OWNABLE) {
                var row = jdbc.sql("select mode, key_last_four, settings::text, validated_at from organization_provider_accounts "
                        + "where organization_id = ? and provider = ?").params(organization, provider).query().listOfRows();
                boolean platform = platformHas(provider);
                if (row.isEmpty()) {
                    all.add(new Integration(provider, "platform", null, Map.of(), null, platform));
                } else {
                    var r = row.get(0);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> stored = JSON.readValue((String) r.get("settings"), Map.class);
                    all.add(new Integration(provider, (String) r.get("mode"), (String) r.get("key_last_four"), stored,
                            r.get("validated_at") == null ? null : ((Timestamp) r.get("validated_at")).toInstant(), platform));
                }
            }
            return all;
        });
    }

    /**
     * Keeps the organization's own credentials for {@code provider} after the vendor accepted
     * them; {@code accountSid} is Twilio's account id (ignored for others).
     */
    public Integration connect(String providerInput, String apiKey, String accountSid) {
        var actor = Actors.requirePermission(Permission.INTEGRATIONS_MANAGE);
        String provider = ownable(providerInput);
        if (apiKey == null || apiKey.isBlank() || apiKey.trim().length() < 8 || apiKey.length() > 500) {
            throw ApiProblem.validation("apiKey", provider.equals("twilio") ? "is required: your Twilio auth token"
                    : "is required: your " + provider + " API key");
        }
        Map<String, String> extra = Map.of();
        if (provider.equals("twilio")) {
            if (accountSid == null || !accountSid.trim().matches("AC[0-9a-fA-F]{32}")) {
                throw ApiProblem.validation("accountSid", "must be your Twilio account SID: AC followed by 32 hex characters");
            }
            extra = Map.of("accountSid", accountSid.trim());
        }
        URI base = switch (provider) {
            case "retell" -> settings.retellBaseUrl();
            case "vapi" -> settings.vapiBaseUrl();
            default -> settings.twilioBaseUrl();
        };
        ProviderAccount candidate = new ProviderAccount(provider, base, apiKey.trim(), extra, true);
        validate(candidate);
        UUID organization = TenantScope.requireOrganization();
        String key = apiKey.trim();
        String lastFour = key.substring(key.length() - 4);
        Map<String, String> publicSettings = extra;
        tx.executeWithoutResult(s -> {
            secrets.put(secretName(provider), key);
            jdbc.sql("""
                    insert into organization_provider_accounts (organization_id, provider, mode, key_last_four, settings,
                                                                validated_at, updated_by, updated_at)
                    values (?, ?, 'own', ?, ?::jsonb, ?, ?, ?)
                    on conflict (organization_id, provider) do update set mode = 'own', key_last_four = excluded.key_last_four,
                        settings = excluded.settings, validated_at = excluded.validated_at, updated_by = excluded.updated_by,
                        updated_at = excluded.updated_at""")
                    .params(organization, provider, lastFour, JSON.writeValueAsString(publicSettings),
                            Timestamp.from(clock.instant()), actor.userId(), Timestamp.from(clock.instant()))
                    .update();
            audit.record(new AuditEntry("integration.credentials_changed", "integration", provider,
                    Map.of("mode", "own", "keyLastFour", lastFour)));
        });
        return integrations().stream().filter(i -> i.provider().equals(provider)).findFirst().orElseThrow();
    }

    /** Goes back to the platform's account for {@code provider}, forgetting the organization's own. */
    public void disconnect(String providerInput) {
        Actors.requirePermission(Permission.INTEGRATIONS_MANAGE);
        String provider = ownable(providerInput);
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            secrets.delete(secretName(provider));
            int removed = jdbc.sql("delete from organization_provider_accounts where organization_id = ? and provider = ?")
                    .params(organization, provider).update();
            if (removed > 0) {
                audit.record(new AuditEntry("integration.credentials_removed", "integration", provider, Map.of("mode", "platform")));
            }
        });
    }

    private Optional<ProviderAccount> ownAccount(String provider) {
        return ownAccount(List.of(provider));
    }

    /** The first of {@code providers}, in their order, the organization brings its own account for (one query). */
    private Optional<ProviderAccount> ownAccount(List<String> providers) {
        Optional<UUID> organization = TenantScope.currentOrganization();
        if (organization.isEmpty()) {
            return Optional.empty();
        }
        return tx.execute(s -> {
            Map<String, String> rows = new HashMap<>();
            jdbc.sql("select provider, settings::text from organization_provider_accounts where organization_id = ? "
                            + "and provider = any(?) and mode = 'own'")
                    .params(organization.get(), providers.toArray(String[]::new))
                    .query((ResultSet rs) -> {
                        rows.put(rs.getString(1), rs.getString(2));
                    });
            for (String provider : providers) {
                if (!rows.containsKey(provider)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, String> stored = JSON.readValue(rows.get(provider), Map.class);
                Optional<ProviderAccount> account = secrets.get(secretName(provider)).map(key -> new ProviderAccount(provider,
                        switch (provider) {
                            case "retell" -> settings.retellBaseUrl();
                            case "vapi" -> settings.vapiBaseUrl();
                            default -> settings.twilioBaseUrl();
                        }, key, stored, true));
                if (account.isPresent()) {
                    return account;
                }
            }
            return Optional.<ProviderAccount>empty();
        });
    }

    private void validate(ProviderAccount candidate) {
        CredentialCheck check = checks.stream().filter(c -> c.supports(candidate.provider())).findFirst()
                .orElseThrow(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "provider-unsupported",
                        "Provider not available", "Switchboard cannot check " + candidate.provider()
                        + " credentials on this server. Ask your administrator."));
        try {
            check.check(candidate);
        } catch (ProviderException e) {
            HttpStatus status = e.kind() == ProviderException.Kind.UNAUTHORIZED ? HttpStatus.UNPROCESSABLE_ENTITY
                    : HttpStatus.BAD_GATEWAY;
            throw new ApiProblem(status, "credentials-rejected", "Credentials not accepted",
                    e.kind() == ProviderException.Kind.UNAUTHORIZED
                            ? candidate.provider() + " refused these credentials. Copy the key again from your "
                            + candidate.provider() + " dashboard."
                            : "Switchboard could not check the credentials with " + candidate.provider() + ": "
                            + e.getMessage() + " Nothing was saved; try again.")
                    .field("apiKey", e.kind() == ProviderException.Kind.UNAUTHORIZED ? "was refused by " + candidate.provider()
                            : "could not be checked");
        }
    }

    private boolean platformHas(String provider) {
        return switch (provider) {
            case "retell" -> settings.retellApiKey() != null;
            case "vapi" -> settings.vapiApiKey() != null;
            default -> settings.twilioAuthToken() != null;
        };
    }

    static String secretName(String provider) {
        return "provider." + provider + ".credential";
    }

    private static String ownable(String provider) {
        String p = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        if (!OWNABLE.contains(p)) {
            throw ApiProblem.notFound("Integration '" + provider + "' (use retell, vapi or twilio)");
        }
        return p;
    }
}
