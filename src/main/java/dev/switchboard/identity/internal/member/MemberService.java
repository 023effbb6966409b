package dev.switchboard.identity.internal.member;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.Role;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The members of the current organization: any member lists them; members with
 * {@link Permission#MEMBERS_MANAGE} change roles and remove members. An organization always
 * keeps at least one administrator, even when two administrators demote each other at the
 * same moment. A member of another organization is reported as not found, never as forbidden.
 */
@Service
public class MemberService {

    /** A member as listed: the account and the role it holds in this organization. */
    public record Member(UUID userId, String email, String fullName, Role role, Instant joinedAt, Instant lastSignInAt) {
    }

    /**
     * Which members to list.
     *
     * @param role   only members with this role ({@code admin}, {@code manager}, {@code viewer}); null for all
     * @param search text to find in e-mail addresses and names, case-insensitively; null for all
     * @param limit  page size, 1 to {@value #MAX_PAGE}; null for {@value #DEFAULT_PAGE}
     * @param cursor the {@code nextCursor} of the previous page; null for the first page
     */
    public record MemberQuery(String role, String search, Integer limit, String cursor) {
    }

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int SEARCH_MAX = 100;

    private final Members members;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    MemberService(Members members, AuditLog audit, PlatformTransactionManager transactions) {
        this.members = members;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Members in the order they joined, oldest first. */
    public CursorPage<Member> list(MemberQuery query) {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        Role role = query.role() == null || query.role().isBlank() ? null : RoleInput.require("role", query.role());
        String search = query.search() == null || query.search().isBlank() ? null : query.search().trim();
        if (search != null && search.length() > SEARCH_MAX) {
            throw ApiProblem.validation("q", "must be at most " + SEARCH_MAX + " characters");
        }
        int limit = Cursors.limit(query.limit(), DEFAULT_PAGE, MAX_PAGE);
        Cursors.TimeAndId after = query.cursor() == null || query.cursor().isBlank() ? null : Cursors.decode(query.cursor());
        List<Member> fetched = readOnly.execute(s -> members.page(organization, role, search, after, limit + 1));
        return CursorPage.of(fetched, limit, m -> Cursors.encode(m.joinedAt(), m.userId()));
    }

    /** One member of the current organization; 404 for anyone else. */
    public Member find(UUID userId) {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        return readOnly.execute(s -> members.find(organization, userId)).orElseThrow(MemberService::notFound);
    }

    /** Gives a member another role; refuses to demote the last administrator. */
    public Member changeRole(UUID userId, String roleCode) {
        Actors.requirePermission(Permission.MEMBERS_MANAGE);
        Role to = RoleInput.require("role", roleCode);
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> {
            List<UUID> administrators = members.lockAdministrators(organization);
            Member member = members.findForUpdate(organization, userId).orElseThrow(MemberService::notFound);
            if (member.role() == to) {
                return member;
            }
            if (member.role() == Role.ADMIN && administrators.size() <= 1) {
                throw lastAdministrator(member, "demoted");
            }
            members.changeRole(organization, userId, to);
            audit.record(new AuditEntry("member.role_changed", "user", userId.toString(),
                    Map.of("email", member.email(), "from", member.role().code(), "to", to.code())));
            return new Member(member.userId(), member.email(), member.fullName(), to, member.joinedAt(),
                    member.lastSignInAt());
        });
    }

    /**
     * Removes a member from the organization (members may remove themselves too); refuses to
     * remove the last administrator. The account and its other memberships stay; its sessions
     * and tokens stop working here at the next request, because each request re-checks the
     * membership.
     */
    public void remove(UUID userId) {
        Actors.requirePermission(Permission.MEMBERS_MANAGE);
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            List<UUID> administrators = members.lockAdministrators(organization);
            Member member = members.findForUpdate(organization, userId).orElseThrow(MemberService::notFound);
            if (member.role() == Role.ADMIN && administrators.size() <= 1) {
                throw lastAdministrator(member, "removed");
            }
            members.remove(organization, userId);
            audit.record(new AuditEntry("member.removed", "user", userId.toString(),
                    Map.of("email", member.email(), "role", member.role().code())));
        });
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("This member");
    }

    private static ApiProblem lastAdministrator(Member member, String what) {
        return ApiProblem.conflict("last-admin", member.email() + " is the last administrator of this organization, so "
                + "they cannot be " + what + ". Promote another member to admin first.");
    }
}
