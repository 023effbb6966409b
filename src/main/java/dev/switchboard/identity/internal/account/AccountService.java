package dev.switchboard.identity.internal.account;

import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.OrganizationCreated;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.internal.credentials.EmailAddresses;
import dev.switchboard.identity.internal.credentials.PasswordPolicy;
import dev.switchboard.identity.internal.credentials.Passwords;
import dev.switchboard.identity.internal.organization.Organizations;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.RateLimiter;
import dev.switchboard.platform.TenantScope;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing up and signing in. Sign-up creates the organization, the account and its
 * administrator membership in one transaction. Sign-in answers the same way for an unknown
 * e-mail and a wrong password, and is limited per IP address and per account.
 */
@Service
public class AccountService {

    /** Attempts per IP address per window, successful or not. */
    static final int SIGN_IN_PER_IP = 30;
    /** Failed attempts per account per window. */
    static final int SIGN_IN_FAILURES_PER_ACCOUNT = 10;
    static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(15);
    static final int SIGN_UPS_PER_IP = 10;
    static final int SIGN_UPS_PER_ACCOUNT = 5;
    static final Duration SIGN_UP_WINDOW = Duration.ofHours(1);

    /** Who signed in and the organization the session or tokens act for (null if none). */
    public record SignedIn(UUID userId, String email, UUID organizationId, List<Memberships.OrganizationMembership> memberships,
                           boolean platformAdmin) {
    }

    /** What sign-up needs. */
    public record SignUp(String organizationName, String fullName, String email, String password, String timeZone) {
    }

    private final Users users;
    private final Memberships memberships;
    private final Organizations organizations;
    private final Passwords passwords;
    private final RateLimiter limits;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    AccountService(Users users, Memberships memberships, Organizations organizations, Passwords passwords,
                   RateLimiter limits, AuditLog audit, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.memberships = memberships;
        this.organizations = organizations;
        this.passwords = passwords;
        this.limits = limits;
        this.audit = audit;
        this.tx = tx;
    }

    public SignedIn signUp(SignUp command, String ip) {
        limits.hit("signup:ip:" + ip, SIGN_UPS_PER_IP, SIGN_UP_WINDOW,
                "Too many sign-ups from your network. Try again later.");
        String email = EmailAddresses.require("email", command.email());
        limits.hit("signup:account:" + EmailAddresses.key(email), SIGN_UPS_PER_ACCOUNT, SIGN_UP_WINDOW,
                "Too many sign-up attempts for this address. Try again later, or sign in if the account exists.");
        String organizationName = requireText("organizationName", command.organizationName(), 120);
        String fullName = requireText("fullName", command.fullName(), 120);
        String zone = command.timeZone() == null || command.timeZone().isBlank() ? "UTC" : validZone(command.timeZone());
        PasswordPolicy.check("password", command.password(), email);
        if (users.emailTaken(email)) {
            throw emailTaken();
        }
        String hash = passwords.hash(command.password());
        UUID organizationId = UUID.randomUUID();
        try {
            UUID userId = TenantScope.callAs(organizationId, () -> tx.execute(s -> {
                UUID id = users.create(email, fullName, hash, false);
                organizations.create(organizationId, organizationName, zone, "US");
                memberships.add(organizationId, id, Role.ADMIN);
                audit.record(new AuditEntry("organization.created", "organization", organizationId.toString(),
                        Map.of("name", organizationName, "email", email)));
                events.publishEvent(new OrganizationCreated(organizationId, organizationName));
                return id;
            }));
            return new SignedIn(userId, email, organizationId, memberships.of(userId), false);
        } catch (DuplicateKeyException race) {
            throw emailTaken();
        }
    }

    public SignedIn signIn(String emailInput, String password, UUID requestedOrganization, String ip) {
        String email = EmailAddresses.require("email", emailInput);
        if (password == null || password.isEmpty()) {
            throw ApiProblem.validation("password", "is required");
        }
        String account = EmailAddresses.key(email);
        limits.hit("signin:ip:" + ip, SIGN_IN_PER_IP, SIGN_IN_WINDOW,
                "Too many sign-in attempts from your network. Wait a few minutes and try again.");
        limits.check("signin:account:" + account, SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_WINDOW,
                "Too many failed sign-ins for this account. Wait 15 minutes or reset your password.");
        Optional<Users.User> user = users.byEmail(email);
        boolean valid = passwords.matches(password, user.map(Users.User::passwordHash).orElse(null));
        if (!valid || user.get().disabledAt() != null) {
            limits.record("signin:account:" + account, SIGN_IN_WINDOW);
            recordFailure(user, email, valid ? "account disabled" : "wrong e-mail or password");
            throw ApiProblem.unauthorized("invalid-credentials",
                    "The e-mail or password is incorrect. Check them, or reset your password.");
        }
        Users.User u = user.get();
        List<Memberships.OrganizationMembership> all = memberships.of(u.id());
        UUID organization = chooseOrganization(all, requestedOrganization);
        users.signedIn(u.id());
        if (organization != null) {
            audit.recordFor(organization, new AuditEntry("auth.signed_in", "user", u.id().toString(), Map.of("email", u.email())));
        } else {
            audit.recordPlatform(new AuditEntry("auth.signed_in", "user", u.id().toString(), Map.of("email", u.email())), null);
        }
        return new SignedIn(u.id(), u.email(), organization, all, u.platformAdmin());
    }

    /** Re-reads who a user is, for a new session or tokens after switching organization. */
    public SignedIn reload(UUID userId, UUID requestedOrganization) {
        Users.User u = users.byId(userId).orElseThrow(() -> ApiProblem.unauthorized("unauthenticated", "Sign in again."));
        List<Memberships.OrganizationMembership> all = memberships.of(u.id());
        return new SignedIn(u.id(), u.email(), chooseOrganization(all, requestedOrganization), all, u.platformAdmin());
    }

    private static UUID chooseOrganization(List<Memberships.OrganizationMembership> all, UUID requested) {
        if (requested != null) {
            return all.stream().map(Memberships.OrganizationMembership::organizationId).filter(requested::equals)
                    .findFirst().orElseThrow(() -> ApiProblem.forbidden(
                            "You are not a member of that organization. Choose one of your organizations."));
        }
        return all.isEmpty() ? null : all.get(0).organizationId();
    }

    private void recordFailure(Optional<Users.User> user, String email, String why) {
        AuditEntry entry = new AuditEntry("auth.sign_in_failed", "user",
                user.map(u -> u.id().toString()).orElse(null), Map.of("email", email, "reason", why));
        if (user.isEmpty()) {
            audit.recordPlatform(entry, null);
            return;
        }
        List<Memberships.OrganizationMembership> all = memberships.of(user.get().id());
        if (all.isEmpty()) {
            audit.recordPlatform(entry, null);
        }
        all.forEach(m -> audit.recordFor(m.organizationId(), entry));
    }

    static ApiProblem emailTaken() {
        return new ApiProblem(HttpStatus.CONFLICT, "email-taken", "E-mail already registered",
                "An account with this e-mail already exists. Sign in, or reset your password if you forgot it.")
                .field("email", "is already registered");
    }

    static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.validation(field, "is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw ApiProblem.validation(field, "must be at most " + max + " characters");
        }
        return trimmed;
    }

    public static String validZone(String zone) {
        String trimmed = zone.trim();
        if (!ZoneId.getAvailableZoneIds().contains(trimmed)) {
            throw ApiProblem.validation("timeZone", "must be an IANA time zone such as America/New_York or Europe/Paris");
        }
        return trimmed;
    }
}
