package dev.switchboard.identity.internal.web.pages;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.internal.account.Users;
import dev.switchboard.identity.internal.apikeys.ApiKeyService;
import dev.switchboard.identity.internal.audit.AuditEventService;
import dev.switchboard.identity.internal.invitation.InvitationService;
import dev.switchboard.identity.internal.member.MemberService;
import dev.switchboard.identity.internal.organization.OrganizationSettingsService;
import dev.switchboard.identity.internal.organization.Organizations;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.web.ApiKeysView;
import dev.switchboard.web.AuditLogView;
import dev.switchboard.web.Flash;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.MembersView;
import dev.switchboard.web.Nav;
import dev.switchboard.web.OrganizationSettingsView;
import dev.switchboard.web.PageContext;
import dev.switchboard.web.SelectOption;
import dev.switchboard.web.UsageMeter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's settings pages: general settings, members and invitations, API keys and
 * the audit log. Every member sees them; what they may change is decided by the services (an
 * attempt beyond one's role ends on the error page) and shown by the views (viewers get no
 * forms). Ids in addresses are looked up in the current organization only, so another
 * organization's member, invitation or key is "not found".
 */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class SettingsPagesController {

    private static final JsonMapper HEADER_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final int AUDIT_PAGE = 50;
    /** Lists shown whole (members, keys) stop here: a page of thousands would help nobody. */
    private static final int WHOLE_LIST_MAX = 1_000;
    private static final List<SelectOption> TIME_ZONES = timeZones();
    private static final List<SelectOption> PHONE_REGIONS = phoneRegions();
    private static final List<SelectOption> ROLES = Stream.of(Role.values())
            .map(r -> new SelectOption(r.code(), capitalize(r.code()))).toList();
    private static final List<SelectOption> EXPIRIES = List.of(new SelectOption("30", "In 30 days"),
            new SelectOption("90", "In 90 days"), new SelectOption("365", "In 1 year"), new SelectOption("", "Never"));
    private static final String DEFAULT_EXPIRY = "90";

    private final Pages pages;
    private final OrganizationSettingsService settings;
    private final MemberService members;
    private final InvitationService invitations;
    private final ApiKeyService apiKeys;
    private final AuditEventService audit;
    private final Users users;
    private final Clock clock;

    SettingsPagesController(Pages pages, OrganizationSettingsService settings, MemberService members,
                            InvitationService invitations, ApiKeyService apiKeys, AuditEventService audit, Users users,
                            Clock clock) {
        this.pages = pages;
        this.settings = settings;
        this.members = members;
        this.invitations = invitations;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/settings")
    String settings() {
        return "redirect:/settings/organization";
    }

    // ── organization ────────────────────────────────────────────────────────────────────────

    @GetMapping("/settings/organization")
    String organization(Model model) {
        Organizations.Organization organization = settings.current();
        return organization(model, organization, organization.name(), organization.timeZone(),
                organization.defaultRegion(), FormErrors.none());
    }

    @PostMapping("/settings/organization")
    String saveOrganization(@RequestParam(required = false) String name, @RequestParam(required = false) String timeZone,
                            @RequestParam(required = false) String defaultPhoneRegion, HttpServletResponse response,
                            Model model, RedirectAttributes redirect) {
        try {
            settings.change(new OrganizationSettingsService.ChangeSettings(name, timeZone, defaultPhoneRegion, null));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The organization settings are saved.");
            return "redirect:/settings/organization";
        } catch (ApiProblem problem) {
            FormProblems.formOrThrow(problem, response);
            return organization(model, settings.current(), name, timeZone, defaultPhoneRegion,
                    FormProblems.errors(problem, "defaultRegion", "defaultPhoneRegion"));
        }
    }

    private String organization(Model model, Organizations.Organization organization, String name, String timeZone,
                                String region, FormErrors errors) {
        ZoneId zone = ZoneId.of(organization.timeZone());
        List<SelectOption> zones = withCurrent(TIME_ZONES, organization.timeZone());
        model.addAttribute("page", pages.context("Organization", Nav.SETTINGS_ORGANIZATION));
        model.addAttribute("view", new OrganizationSettingsView(name, timeZone, region, capitalize(organization.planTier()),
                zones, PHONE_REGIONS, PERIOD.format(clock.instant().atZone(zone)), usage(organization),
                Actors.require().can(Permission.SETTINGS_MANAGE), errors));
        return "settings/organization";
    }

    private static List<UsageMeter> usage(Organizations.Organization organization) {
        // Plans set no limits yet, so the meter shows the minutes used without a bar.
        return List.of(new UsageMeter("Call minutes", minutes(organization.usageMinutesMonthToDate()), null, "min"));
    }

    // ── members and invitations ─────────────────────────────────────────────────────────────

    @GetMapping("/settings/members")
    String members(Model model) {
        return members(model, null, null, FormErrors.none());
    }

    @PostMapping("/settings/invitations")
    String invite(@RequestParam(required = false) String email, @RequestParam(required = false) String role,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            InvitationService.Invitation invitation = invitations.invite(new InvitationService.InviteMember(email, role));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "Invitation sent to " + invitation.email() + ".");
            return "redirect:/settings/members";
        } catch (ApiProblem problem) {
            FormProblems.formOrThrow(problem, response);
            return members(model, email, role, FormProblems.errors(problem));
        }
    }

    @PostMapping("/settings/invitations/{id}/revoke")
    String revokeInvitation(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            invitations.revoke(id);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The invitation is revoked; its link no longer works.");
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/settings/members";
    }

    /**
     * Changes a role from the members table: htmx posts it when the select changes and gets a
     * toast back; without JavaScript the form posts and the page comes back with a flash. When
     * htmx's change is refused, the page reloads, so the select does not keep showing a role
     * the member does not have.
     */
    @PostMapping("/settings/members/{userId}/role")
    Object changeRole(@PathVariable UUID userId, @RequestParam(required = false) String role,
                      @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
                      HttpServletResponse response, RedirectAttributes redirect) {
        try {
            MemberService.Member member = members.changeRole(userId, role);
            String message = name(member) + " is now " + member.role().code() + ".";
            if (htmx != null) {
                return ResponseEntity.noContent().header("HX-Trigger", toast("success", message)).build();
            }
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, message);
        } catch (ApiProblem problem) {
            if (htmx != null) {
                FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
                flash.put(Pages.FLASH_DANGER, problem.detail());
                RequestContextUtils.saveOutputFlashMap("/settings/members", request, response);
                return ResponseEntity.noContent().header("HX-Redirect", "/settings/members").build();
            }
            flashOrThrow(problem, redirect);
        }
        return "redirect:/settings/members";
    }

    @PostMapping("/settings/members/{userId}/remove")
    String removeMember(@PathVariable UUID userId, RedirectAttributes redirect) {
        try {
            MemberService.Member member = members.find(userId);
            members.remove(userId);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, name(member) + " is no longer a member.");
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/settings/members";
    }

    private String members(Model model, String inviteEmail, String inviteRole, FormErrors inviteErrors) {
        Actor actor = Actors.require();
        boolean canManage = actor.can(Permission.MEMBERS_MANAGE);
        List<MembersView.Member> list = whole(cursor -> members.list(new MemberService.MemberQuery(null, null, 200, cursor)))
                .stream()
                .map(m -> new MembersView.Member(m.userId().toString(), name(m), m.email(), m.role().code(), m.joinedAt(),
                        m.userId().equals(actor.userId())))
                .sorted(Comparator.comparing(MembersView.Member::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
        // Only those who may invite see who is invited (the service refuses the others).
        List<MembersView.Invitation> pending = !canManage ? List.of()
                : whole(cursor -> invitations.pending(200, cursor)).stream()
                        .map(i -> new MembersView.Invitation(i.id().toString(), i.email(), i.role().code(),
                                i.invitedByName(), i.createdAt(), i.expiresAt()))
                        .toList();
        model.addAttribute("page", pages.context("Members", Nav.SETTINGS_MEMBERS));
        model.addAttribute("view", new MembersView(list, pending, ROLES, inviteEmail,
                inviteRole == null ? Role.VIEWER.code() : inviteRole, inviteErrors, canManage));
        return "settings/members";
    }

    // ── API keys ────────────────────────────────────────────────────────────────────────────

    @GetMapping("/settings/api-keys")
    String apiKeys(Model model) {
        return apiKeys(model, null, null, DEFAULT_EXPIRY, List.of(), FormErrors.none());
    }

    /** Creates a key and shows the page again with its secret, which is never shown (or stored) again. */
    @PostMapping("/settings/api-keys")
    String createApiKey(@RequestParam(required = false) String name, @RequestParam(required = false) List<String> scopes,
                        @RequestParam(required = false) String expiresInDays, HttpServletResponse response, Model model) {
        try {
            ApiKeyService.CreatedKey created = apiKeys.create(name, scopes, expiresAt(expiresInDays));
            return apiKeys(model, new ApiKeysView.CreatedKey(created.key().name(), created.secret()), null,
                    DEFAULT_EXPIRY, List.of(), FormErrors.none());
        } catch (ApiProblem problem) {
            FormProblems.formOrThrow(problem, response);
            FormErrors errors = FormProblems.errors(problem, "expiresAt", "expiresInDays");
            if (scopes == null || scopes.isEmpty()) {
                // The API's message lists every scope; here they are the checkboxes right below it.
                errors = FormProblems.reword(errors, "scopes", "Choose at least one scope.");
            }
            return apiKeys(model, null, name, expiresInDays, scopes == null ? List.of() : scopes, errors);
        }
    }

    @PostMapping("/settings/api-keys/{id}/rotate")
    String rotateApiKey(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
        try {
            ApiKeyService.CreatedKey created = apiKeys.rotate(id);
            return apiKeys(model, new ApiKeysView.CreatedKey(created.key().name(), created.secret()), null,
                    DEFAULT_EXPIRY, List.of(), FormErrors.none());
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
            return "redirect:/settings/api-keys";
        }
    }

    @PostMapping("/settings/api-keys/{id}/revoke")
    String revokeApiKey(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            apiKeys.revoke(id);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The key is revoked; requests using it are refused from now on.");
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/settings/api-keys";
    }

    private String apiKeys(Model model, ApiKeysView.CreatedKey created, String name, String expiry, List<String> checked,
                           FormErrors errors) {
        List<ApiKeysView.ApiKey> keys = whole(cursor -> apiKeys.list(200, cursor)).stream()
                .map(k -> new ApiKeysView.ApiKey(k.id().toString(), k.name(), k.prefix(), k.scopes(), k.createdAt(),
                        k.lastUsedAt(), k.expiresAt(), ApiKeysView.Status.valueOf(k.status().toUpperCase(Locale.ROOT))))
                .toList();
        Set<String> ticked = Set.copyOf(checked.stream().filter(Objects::nonNull).toList());
        List<ApiKeysView.Scope> scopes = Stream.of(Permission.values())
                .map(p -> new ApiKeysView.Scope(p.scope(), describe(p), ticked.contains(p.scope())))
                .toList();
        model.addAttribute("page", pages.context("API keys", Nav.SETTINGS_API_KEYS));
        model.addAttribute("view", new ApiKeysView(keys, scopes, EXPIRIES, created, name, expiry, errors,
                Actors.require().can(Permission.API_KEYS_MANAGE)));
        return "settings/api-keys";
    }

    private Instant expiresAt(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            int count = Integer.parseInt(days.trim());
            if (count >= 1 && count <= 730) {
                return clock.instant().plus(Duration.ofDays(count));
            }
        } catch (NumberFormatException notANumber) {
            // reported below, like a number out of range
        }
        throw ApiProblem.validation("expiresInDays", "choose one of the lifetimes offered");
    }

    /** What each scope lets a key do, in the words of the create form. */
    private static String describe(Permission permission) {
        return switch (permission) {
            case ORGANIZATION_READ -> "Read agents, calls, campaigns, phone numbers and dashboards";
            case CAMPAIGNS_RUN -> "Start, pause and cancel campaigns, place calls, import contact lists";
            case AGENTS_MANAGE -> "Create, change and delete agents";
            case MEMBERS_MANAGE -> "Invite and remove members, change their roles";
            case NUMBERS_MANAGE -> "Manage phone numbers and the agents they lead to";
            case INTEGRATIONS_MANAGE -> "Connect providers and manage their credentials";
            case BILLING_MANAGE -> "Change billing settings";
            case SETTINGS_MANAGE -> "Change the organization's name, time zone and defaults";
            case API_KEYS_MANAGE -> "Create, rotate and revoke API keys";
            case AUDIT_READ -> "Read the audit log";
            case RECORDINGS_DELETE -> "Delete call recordings";
        };
    }

    // ── audit log ───────────────────────────────────────────────────────────────────────────

    /**
     * The audit log, newest first. The filter's days are whole days in the organization's time
     * zone; a filter that cannot be applied (a day that is no date, "from" after "to") is
     * explained above an empty list rather than on an error page, so the filter bar stays at hand.
     */
    @GetMapping("/settings/audit-log")
    @RequiresPermission(Permission.AUDIT_READ)
    String auditLog(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String cursor, @RequestParam(required = false) String back,
                    Model model) {
        PageContext page = pages.context("Audit log", Nav.SETTINGS_AUDIT_LOG);
        ZoneId zone = page.viewer().timeZone();
        List<Flash> warnings = new ArrayList<>();
        LocalDate fromDay = day(from, "From", warnings);
        LocalDate toDay = day(to, "To", warnings);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            warnings.add(Flash.warning("The “From” day is after the “To” day. Swap them to see entries."));
        }
        AuditLogView.Filter filter = new AuditLogView.Filter(blankToNull(actor), blankToNull(action), fromDay, toDay);
        CursorTrail trail = CursorTrail.of("/settings/audit-log", CursorTrail.params("actor", filter.actor(),
                "action", filter.action(), "from", fromDay == null ? null : fromDay.toString(),
                "to", toDay == null ? null : toDay.toString()), cursor, back);
        List<AuditLogView.Entry> entries = List.of();
        String next = null;
        if (warnings.isEmpty()) {
            CursorPage<AuditEventService.AuditEvent> events = audit.search(new AuditEventService.AuditEventQuery(
                    filter.action(), null, filter.actor(), null, null,
                    fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
                    toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant(), AUDIT_PAGE, trail.cursor()));
            entries = entries(events.items());
            next = events.nextCursor();
        }
        List<Flash> flashes = new ArrayList<>(page.flashes());
        flashes.addAll(warnings);
        model.addAttribute("page", page.withFlashes(flashes));
        model.addAttribute("view", new AuditLogView(entries, filter,
                audit.actions().stream().map(SelectOption::of).toList(), trail.pagination(next)));
        return "settings/audit-log";
    }

    private List<AuditLogView.Entry> entries(List<AuditEventService.AuditEvent> events) {
        Map<UUID, String> names = new HashMap<>();
        Function<UUID, String> name = id -> id == null ? null
                : names.computeIfAbsent(id, key -> users.byId(key).map(Users.User::displayName).orElse(null));
        return events.stream().map(e -> {
            String actorName = name.apply(e.actorUserId());
            String label = e.actorLabel();
            String shown = actorName != null ? actorName : label != null ? label : "System";
            // An API key acts in its creator's name; its label is "api-key:<id>".
            String email = label != null && label.startsWith("api-key:") ? "through an API key"
                    : actorName != null && label != null && !label.equals(actorName) ? label : null;
            String impersonator = e.impersonatorUserId() == null ? null
                    : Objects.requireNonNullElse(name.apply(e.impersonatorUserId()), "a platform admin");
            return new AuditLogView.Entry(e.id().toString(), e.occurredAt(), shown, email, impersonator, e.action(),
                    target(e), e.ip());
        }).toList();
    }

    /** What an entry was about, in words: the address or name its details give, or its kind and id. */
    static String target(AuditEventService.AuditEvent event) {
        Map<String, Object> details = event.details() == null ? Map.of() : event.details();
        Object subject = details.get("email") != null ? details.get("email") : details.get("name");
        if (subject != null) {
            Object fromRole = details.get("from");
            Object toRole = details.get("to");
            return fromRole != null && toRole != null ? subject + ": " + fromRole + " → " + toRole : subject.toString();
        }
        if (details.get("new") instanceof Map<?, ?> changed && !changed.isEmpty()) {
            return "Changed " + String.join(", ", changed.keySet().stream().map(String::valueOf).toList());
        }
        if (event.targetType() == null) {
            return null;
        }
        return event.targetType().replace('_', ' ') + (event.targetId() == null ? "" : " " + event.targetId());
    }

    private static LocalDate day(String value, String label, List<Flash> warnings) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            warnings.add(Flash.warning("“" + label + "” must be a day such as 2026-03-31."));
            return null;
        }
    }

    // ── shared ──────────────────────────────────────────────────────────────────────────────

    /**
     * After a button's post: a problem the user can understand where they were (the last
     * administrator, an accepted invitation) becomes a flash on the list; one about access or an
     * id of another organization goes to the error page.
     */
    private static void flashOrThrow(ApiProblem problem, RedirectAttributes redirect) {
        HttpStatus status = problem.status();
        if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN || status == HttpStatus.NOT_FOUND) {
            throw problem;
        }
        redirect.addFlashAttribute(Pages.FLASH_DANGER, problem.detail());
    }

    /** Every item of a cursor-paged list, up to {@link #WHOLE_LIST_MAX}. */
    private static <T> List<T> whole(Function<String, CursorPage<T>> fetch) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            CursorPage<T> page = fetch.apply(cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < WHOLE_LIST_MAX);
        return all;
    }

    private static String name(MemberService.Member member) {
        return member.fullName() == null || member.fullName().isBlank() ? member.email() : member.fullName();
    }

    private static long minutes(BigDecimal minutes) {
        return minutes == null ? 0 : minutes.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String toast(String kind, String message) {
        return HEADER_JSON.writeValueAsString(Map.of("toast", Map.of("kind", kind, "message", message)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String capitalize(String value) {
        return value == null || value.isEmpty() ? value : value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1);
    }

    private static List<SelectOption> withCurrent(List<SelectOption> options, String current) {
        if (current == null || options.stream().anyMatch(o -> o.value().equals(current))) {
            return options;
        }
        List<SelectOption> all = new ArrayList<>(options);
        all.add(new SelectOption(current, current.replace('_', ' ')));
        return all;
    }

    /** The zones of cities (not the legacy aliases such as "US/Eastern"), and UTC. */
    private static List<SelectOption> timeZones() {
        Pattern city = Pattern.compile("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+");
        List<SelectOption> zones = new ArrayList<>(ZoneId.getAvailableZoneIds().stream()
                .filter(id -> city.matcher(id).matches())
                .sorted()
                .map(id -> new SelectOption(id, id.replace('_', ' ')))
                .toList());
        zones.add(new SelectOption("UTC", "UTC"));
        return List.copyOf(zones);
    }

    /** Every region with phone numbers, by country name: "Germany (+49)". */
    private static List<SelectOption> phoneRegions() {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        return phones.getSupportedRegions().stream()
                .map(code -> new SelectOption(code, Locale.of("", code).getDisplayCountry(Locale.ENGLISH)
                        + " (+" + phones.getCountryCodeForRegion(code) + ")"))
                .sorted(Comparator.comparing(SelectOption::label))
                .toList();
    }
}
