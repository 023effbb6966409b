package dev.switchboard.identity.internal.invitation;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.internal.account.AccountService;
import dev.switchboard.identity.internal.account.Memberships;
import dev.switchboard.identity.internal.account.Users;
import dev.switchboard.identity.internal.credentials.EmailAddresses;
import dev.switchboard.identity.internal.credentials.PasswordPolicy;
import dev.switchboard.identity.internal.credentials.Passwords;
import dev.switchboard.identity.internal.credentials.SecretTokens;
import dev.switchboard.identity.internal.member.RoleInput;
import dev.switchboard.identity.internal.organization.Organizations;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.RateLimiter;
import dev.switchboard.platform.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations to join the current organization. Members with {@link Permission#MEMBERS_MANAGE}
 * invite an e-mail address with a role, list the pending invitations and revoke them; inviting
 * an address again replaces its open invitation. The invited person, holding the token from the
 * link, looks at the invitation and accepts it: a new address gets an account, an existing
 * account must be signed in as itself. An invitation works once and for seven days.
 */
@Service
public class InvitationService {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);

    /** How long an invitation stays usable. */
    public static final Duration VALIDITY = Duration.ofDays(7);
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    /** Invitations one organization may send per day: enough for onboarding a team, not for spam. */
    static final int INVITATIONS_PER_DAY = 200;
    /** Look-ups and acceptances per IP address per window (acceptance hashes a password). */
    static final int TOKEN_USES_PER_IP = 60;
    static final Duration TOKEN_USE_WINDOW = Duration.ofMinutes(15);
    private static final DateTimeFormatter EXPIRY_FORMAT =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Who to invite and with which role ({@code admin}, {@code manager} or {@code viewer}). */
    public record InviteMember(String email, String role) {
    }

    /** An invitation as the organization's administrators see it. */
    public record Invitation(UUID id, String email, Role role, UUID invitedByUserId, String invitedByName,
                             Instant createdAt, Instant expiresAt) {
    }

    /** What the holder of an invitation link sees before accepting. */
    public record InvitationPreview(String organizationName, String email, Role role, Instant expiresAt,
                                    boolean accountExists) {
    }

    /**
     * Accepting an invitation. {@code fullName} and {@code password} create the account when no
     * account has the invited address; they are ignored otherwise.
     */
    public record AcceptInvitation(String token, String fullName, String password) {
    }

    /** The accepted invitation: who is now a member of which organization. */
    public record Accepted(AccountService.SignedIn signedIn, UUID organizationId, boolean accountCreated) {
    }

    private final Invitations invitations;
    private final Organizations organizations;
    private final Users users;
    private final Memberships memberships;
    private final AccountService accounts;
    private final Passwords passwords;
    private final InvitationNotifier notifier;
    private final RateLimiter limits;
    private final AuditLog audit;
    private final Clock clock;
    private final String publicUrl;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    InvitationService(Invitations invitations, Organizations organizations, Users users, Memberships memberships,
                      AccountService accounts, Passwords passwords, InvitationNotifier notifier, RateLimiter limits,
                      AuditLog audit, Clock clock, PlatformTransactionManager transactions,
                      @Value("${switchboard.public-url:http://localhost:8080}") String publicUrl) {
        this.invitations = invitations;
        this.organizations = organizations;
        this.users = users;
        this.memberships = memberships;
        this.accounts = accounts;
        this.passwords = passwords;
        this.notifier = notifier;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Invites an address to the current organization and, once that is committed, notifies it.
     * Refuses addresses that already belong to a member; replaces an open invitation of the
     * same address.
     */
    public Invitation invite(InviteMember command) {
        Actor actor = Actors.requirePermission(Permission.MEMBERS_MANAGE);
        String email = EmailAddresses.require("email", command.email());
        Role role = RoleInput.require("role", command.role());
        UUID organization = TenantScope.requireOrganization();
        limits.hit("invitations:org:" + organization, INVITATIONS_PER_DAY, Duration.ofDays(1),
                "Your organization has sent too many invitations today. Try again tomorrow.");
        String token = SecretTokens.generate(SecretTokens.Kind.INVITATION);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(VALIDITY);
        UUID id = UUID.randomUUID();
        return tx.execute(s -> {
            invitations.lockAddress(organization, email);
            if (invitations.isMember(organization, email)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "already-member", "Already a member",
                        email + " is already a member of this organization. Change their role in the member list instead.")
                        .field("email", "already belongs to a member");
            }
            for (UUID replaced : invitations.revokeOpen(organization, email, now)) {
                audit.record(new AuditEntry("invitation.revoked", "invitation", replaced.toString(),
                        Map.of("email", email, "reason", "replaced by a new invitation")));
            }
            invitations.insert(id, organization, email, role, SecretTokens.hash(token), actor.userId(), now, expiresAt);
            audit.record(new AuditEntry("invitation.created", "invitation", id.toString(),
                    Map.of("email", email, "role", role.code())));
            String organizationName = organizations.find(organization).orElseThrow().name();
            String inviter = inviterName(actor, organizationName);
            String acceptUrl = publicUrl + "/invitations/" + token;
            afterCommit(() -> notifier.invitationCreated(email, organizationName, inviter, role, acceptUrl, expiresAt));
            return new Invitation(id, email, role, actor.userId(), inviter, now, expiresAt);
        });
    }

    /** Open, unexpired invitations of the current organization, newest first. */
    public CursorPage<Invitation> pending(Integer limit, String cursor) {
        Actors.requirePermission(Permission.MEMBERS_MANAGE);
        UUID organization = TenantScope.requireOrganization();
        int size = Cursors.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        Cursors.TimeAndId after = cursor == null || cursor.isBlank() ? null : Cursors.decode(cursor);
        List<Invitation> fetched = readOnly.execute(s -> invitations.pending(organization, clock.instant(), after, size + 1))
                .stream().map(InvitationService::view).toList();
        return CursorPage.of(fetched, size, i -> Cursors.encode(i.createdAt(), i.id()));
    }

    /** Withdraws an invitation so its link stops working; revoking it again changes nothing. */
    public void revoke(UUID invitationId) {
        Actors.requirePermission(Permission.MEMBERS_MANAGE);
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            Invitations.Row row = invitations.find(organization, invitationId)
                    .orElseThrow(() -> ApiProblem.notFound("This invitation"));
            if (row.acceptedAt() != null) {
                throw ApiProblem.conflict("invitation-accepted", "This invitation was already accepted by "
                        + row.email() + ". Remove the member instead.");
            }
            if (invitations.revoke(organization, invitationId, clock.instant())) {
                audit.record(new AuditEntry("invitation.revoked", "invitation", invitationId.toString(),
                        Map.of("email", row.email(), "reason", "revoked")));
            }
        });
    }

    /** What an invitation link offers, for anyone holding it. */
    public InvitationPreview preview(String token, String ip) {
        countUse(ip);
        Invitations.ByToken invitation = usable(token);
        return new InvitationPreview(invitation.organizationName(), invitation.email(), invitation.role(),
                invitation.expiresAt(), users.emailTaken(invitation.email()));
    }

    /**
     * Accepts an invitation: the invited address becomes a member with the invited role. When
     * an account has that address, the current actor must be that account (401 when anonymous,
     * 403 when someone else); otherwise the account is created from the name and password given.
     */
    public Accepted accept(AcceptInvitation command, String ip) {
        countUse(ip);
        Invitations.ByToken invitation = usable(command.token());
        Optional<Users.User> existing = users.byEmail(invitation.email());
        return existing.isPresent() ? acceptAsMember(invitation, existing.get()) : acceptWithNewAccount(invitation, command);
    }

    private Accepted acceptAsMember(Invitations.ByToken invitation, Users.User user) {
        String signInAsInvited = "This invitation is for " + invitation.email() + "; sign in as that account to accept it.";
        Actor actor = Actors.current().orElseThrow(() ->
                ApiProblem.unauthorized("invitation-sign-in-required", signInAsInvited));
        if (actor.method() == Actor.AuthMethod.API_KEY || actor.impersonated() || !user.id().equals(actor.userId())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "invitation-for-another-account", "Invitation for another account",
                    signInAsInvited);
        }
        UUID organization = invitation.organizationId();
        TenantScope.runAs(organization, () -> tx.executeWithoutResult(s -> {
            claim(invitation, user.id());
            if (memberships.roleOf(organization, user.id()).isPresent()) {
                throw ApiProblem.conflict("already-member", "You are already a member of "
                        + invitation.organizationName() + ". Switch to it instead of accepting this invitation.");
            }
            memberships.add(organization, user.id(), invitation.role());
            users.markEmailVerified(user.id());
            audit.record(new AuditEntry("invitation.accepted", "invitation", invitation.id().toString(),
                    Map.of("email", invitation.email(), "role", invitation.role().code(), "newAccount", false)));
        }));
        return new Accepted(accounts.reload(user.id(), organization), organization, false);
    }

    private Accepted acceptWithNewAccount(Invitations.ByToken invitation, AcceptInvitation command) {
        String fullName = requireFullName(command.fullName());
        PasswordPolicy.check("password", command.password(), invitation.email());
        String hash = passwords.hash(command.password());
        UUID organization = invitation.organizationId();
        UUID userId;
        try {
            userId = TenantScope.callAs(organization, () -> tx.execute(s -> {
                // Claim first: of two people racing with the same link, the second learns it was used.
                claim(invitation, null);
                UUID id = users.create(invitation.email(), fullName, hash, false);
                users.markEmailVerified(id);
                invitations.setAcceptedBy(organization, invitation.id(), id);
                memberships.add(organization, id, invitation.role());
                audit.record(new AuditEntry("invitation.accepted", "invitation", invitation.id().toString(),
                        Map.of("email", invitation.email(), "role", invitation.role().code(), "newAccount", true)));
                return id;
            }));
        } catch (DuplicateKeyException race) {
            throw new ApiProblem(HttpStatus.CONFLICT, "email-taken", "E-mail already registered",
                    "An account with " + invitation.email() + " was created a moment ago. Sign in as it and open the "
                            + "invitation link again.");
        }
        return new Accepted(accounts.reload(userId, organization), organization, true);
    }

    private void claim(Invitations.ByToken invitation, UUID userId) {
        if (!invitations.claim(invitation.organizationId(), invitation.id(), userId, clock.instant())) {
            // Used, revoked or expired since it was read: explain the state it is in now.
            Invitations.Row now = invitations.find(invitation.organizationId(), invitation.id()).orElse(null);
            Instant at = clock.instant();
            if (now == null || now.revokedAt() != null) {
                throw gone(invitation.organizationName(), null, at, invitation.expiresAt());
            }
            if (now.acceptedAt() == null && !now.expiresAt().isAfter(at)) {
                throw gone(invitation.organizationName(), null, null, now.expiresAt());
            }
            throw gone(invitation.organizationName(), at, null, now.expiresAt());
        }
    }

    private Invitations.ByToken usable(String token) {
        String trimmed = token == null ? "" : token.trim();
        ApiProblem unknown = new ApiProblem(HttpStatus.NOT_FOUND, "invitation-not-found", "Invitation not found",
                "This invitation link is not valid. Check that you opened the whole link from the e-mail, or ask for a "
                        + "new invitation.");
        if (!SecretTokens.looksLike(SecretTokens.Kind.INVITATION, trimmed)) {
            throw unknown;
        }
        Invitations.ByToken invitation = invitations.byTokenHash(SecretTokens.hash(trimmed)).orElseThrow(() -> unknown);
        if (invitation.acceptedAt() != null || invitation.revokedAt() != null
                || !invitation.expiresAt().isAfter(clock.instant())) {
            throw gone(invitation.organizationName(), invitation.acceptedAt(), invitation.revokedAt(),
                    invitation.expiresAt());
        }
        return invitation;
    }

    private static ApiProblem gone(String organization, Instant acceptedAt, Instant revokedAt, Instant expiresAt) {
        if (acceptedAt != null) {
            return new ApiProblem(HttpStatus.GONE, "invitation-used", "Invitation already used",
                    "This invitation has already been accepted. Sign in to use " + organization + ".");
        }
        if (revokedAt != null) {
            return new ApiProblem(HttpStatus.GONE, "invitation-revoked", "Invitation withdrawn",
                    "This invitation was withdrawn or replaced by a newer one. Use the most recent invitation e-mail, "
                            + "or ask an administrator of " + organization + " to invite you again.");
        }
        return new ApiProblem(HttpStatus.GONE, "invitation-expired", "Invitation expired",
                "This invitation expired on " + EXPIRY_FORMAT.format(expiresAt) + ". Ask an administrator of "
                        + organization + " to invite you again.");
    }

    private void countUse(String ip) {
        limits.hit("invitations:ip:" + ip, TOKEN_USES_PER_IP, TOKEN_USE_WINDOW,
                "Too many invitation requests from your network. Wait a few minutes and try again.");
    }

    private String inviterName(Actor actor, String organizationName) {
        Optional<String> name = actor.userId() == null ? Optional.empty()
                : users.byId(actor.userId()).map(Users.User::displayName);
        return name.orElse("An administrator of " + organizationName);
    }

    private static String requireFullName(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            throw ApiProblem.validation("fullName", "is required to create your account");
        }
        String trimmed = fullName.trim();
        if (trimmed.length() > 120) {
            throw ApiProblem.validation("fullName", "must be at most 120 characters");
        }
        return trimmed;
    }

    private static Invitation view(Invitations.Row row) {
        return new Invitation(row.id(), row.email(), row.role(), row.invitedBy(), row.invitedByName(), row.createdAt(),
                row.expiresAt());
    }

    /** Runs {@code work} after the surrounding transaction commits; a failure there is logged, not thrown. */
    private static void afterCommit(Runnable work) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("The invitation was created, but notifying the invited person failed: {}", e.toString());
                }
            }
        });
    }
}
