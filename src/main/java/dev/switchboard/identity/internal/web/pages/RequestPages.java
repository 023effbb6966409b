package dev.switchboard.identity.internal.web.pages;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.internal.account.Memberships;
import dev.switchboard.identity.internal.account.Users;
import dev.switchboard.identity.internal.organization.Organizations;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.web.CsrfField;
import dev.switchboard.web.Flash;
import dev.switchboard.web.Impersonation;
import dev.switchboard.web.OrganizationChoice;
import dev.switchboard.web.PageContext;
import dev.switchboard.web.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Fills {@link PageContext} from the request's actor, organization, CSRF token and flashes. */
@Component
class RequestPages implements Pages {

    private final Users users;
    private final Memberships memberships;
    private final Organizations organizations;
    private final TransactionTemplate tx;
    private final Clock clock;

    RequestPages(Users users, Memberships memberships, Organizations organizations, TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.organizations = organizations;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public PageContext context(String title, String nav) {
        HttpServletRequest request = request();
        Actor actor = Actors.require();
        Users.User user = users.byId(actor.userId()).orElseThrow();
        var organization = actor.organizationId() == null ? null
                : TenantScope.callAs(actor.organizationId(), () -> tx.execute(s -> organizations.find(actor.organizationId())))
                        .orElse(null);
        List<OrganizationChoice> choices = memberships.of(actor.userId()).stream()
                .map(m -> new OrganizationChoice(m.organizationId().toString(), m.organizationName(), m.role().code(),
                        m.organizationId().equals(actor.organizationId())))
                .toList();
        Viewer viewer = new Viewer(user.email(), user.displayName(),
                organization == null ? "No organization" : organization.name(),
                actor.role() == null ? null : actor.role().code(), actor.platformAdmin(),
                organization == null ? ZoneId.of("UTC") : ZoneId.of(organization.timeZone()));
        Impersonation impersonation = null;
        if (actor.impersonated()) {
            long minutes = Math.max(0, Duration.between(clock.instant(), actor.impersonation().endsAt()).toMinutes());
            impersonation = new Impersonation(user.displayName(), user.email(), actor.impersonation().reason(), minutes);
        }
        return new PageContext(title, nav, viewer, choices, impersonation, csrf(request), flashes(request));
    }

    @Override
    public PageContext signedOut(String title) {
        HttpServletRequest request = request();
        return PageContext.signedOut(title, csrf(request)).withFlashes(flashes(request));
    }

    private static CsrfField csrf(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            return new CsrfField(token.getParameterName(), token.getHeaderName(), token.getToken());
        }
        return null;
    }

    private static List<Flash> flashes(HttpServletRequest request) {
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        List<Flash> list = new ArrayList<>();
        if (flash != null) {
            add(list, flash.get(FLASH_SUCCESS), Flash.Kind.SUCCESS);
            add(list, flash.get(FLASH_INFO), Flash.Kind.INFO);
            add(list, flash.get(FLASH_WARNING), Flash.Kind.WARNING);
            add(list, flash.get(FLASH_DANGER), Flash.Kind.DANGER);
        }
        return list;
    }

    private static void add(List<Flash> list, Object message, Flash.Kind kind) {
        if (message instanceof String text && !text.isBlank()) {
            list.add(new Flash(kind, text));
        }
    }

    private static HttpServletRequest request() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
