package dev.switchboard.identity.internal.organization;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.internal.account.AccountService;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current organization's settings: any member reads them, members with
 * {@link Permission#SETTINGS_MANAGE} change name, time zone and default region. The plan tier
 * is shown but belongs to platform administration. Every change is audited with its old and
 * new values.
 */
@Service
public class OrganizationSettingsService {

    /**
     * A partial change: null fields stay as they are.
     *
     * @param name          1 to 120 characters
     * @param timeZone      an IANA time zone such as {@code Europe/Paris}
     * @param defaultRegion a region code libphonenumber knows, such as {@code US}; used to read
     *                      phone numbers typed without a country code
     * @param planTier      refused unless it is the current tier (clients may send back what they read)
     */
    public record ChangeSettings(String name, String timeZone, String defaultRegion, String planTier) {
    }

    static final int NAME_MAX = 120;

    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

    private final Organizations organizations;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    OrganizationSettingsService(Organizations organizations, AuditLog audit, PlatformTransactionManager transactions) {
        this.organizations = organizations;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The organization of the current request; any member may read it. */
    public Organizations.Organization current() {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID id = TenantScope.requireOrganization();
        return readOnly.execute(s -> organizations.find(id)).orElseThrow(() -> ApiProblem.notFound("The organization"));
    }

    /** Applies a partial change and audits what actually changed; returns the settings after it. */
    public Organizations.Organization change(ChangeSettings change) {
        Actors.requirePermission(Permission.SETTINGS_MANAGE);
        UUID id = TenantScope.requireOrganization();
        if (change.name() == null && change.timeZone() == null && change.defaultRegion() == null && change.planTier() == null) {
            // Most likely a misspelt field name, which JSON binding ignores: say so rather than answer "done".
            throw ApiProblem.validation("Send at least one of the fields name, timeZone and defaultRegion.");
        }
        String name = change.name() == null ? null : validName(change.name());
        String zone = change.timeZone() == null ? null : AccountService.validZone(change.timeZone());
        String region = change.defaultRegion() == null ? null : validRegion(change.defaultRegion());
        return tx.execute(s -> {
            Organizations.Organization before = organizations.findForUpdate(id)
                    .orElseThrow(() -> ApiProblem.notFound("The organization"));
            if (change.planTier() != null && !change.planTier().trim().equalsIgnoreCase(before.planTier())) {
                throw new ApiProblem(HttpStatus.FORBIDDEN, "plan-tier-read-only", "Plan tier cannot be changed here",
                        "The plan tier is managed by the Switchboard platform administrators. Contact them to change "
                                + "your plan, and leave planTier out of this request to change the other settings.")
                        .field("planTier", "can only be changed by a platform administrator");
            }
            Map<String, String> old = new LinkedHashMap<>();
            Map<String, String> now = new LinkedHashMap<>();
            compare("name", before.name(), name, old, now);
            compare("timeZone", before.timeZone(), zone, old, now);
            compare("defaultRegion", before.defaultRegion(), region, old, now);
            if (now.isEmpty()) {
                return before;
            }
            organizations.update(id, name == null ? before.name() : name, zone == null ? before.timeZone() : zone,
                    region == null ? before.defaultRegion() : region);
            audit.record(new AuditEntry("organization.settings_changed", "organization", id.toString(),
                    Map.of("old", old, "new", now)));
            return organizations.find(id).orElseThrow();
        });
    }

    private static void compare(String field, String before, String after, Map<String, String> old, Map<String, String> now) {
        if (after != null && !Objects.equals(before, after)) {
            old.put(field, before);
            now.put(field, after);
        }
    }

    static String validName(String name) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            throw ApiProblem.validation("name", "must not be blank");
        }
        if (trimmed.length() > NAME_MAX) {
            throw ApiProblem.validation("name", "must be at most " + NAME_MAX + " characters");
        }
        return trimmed;
    }

    static String validRegion(String region) {
        String code = region.trim().toUpperCase(Locale.ROOT);
        if (!REGIONS.contains(code)) {
            throw ApiProblem.validation("defaultRegion",
                    "must be a two-letter region code with phone number support, such as US, GB or DE");
        }
        return code;
    }
}
