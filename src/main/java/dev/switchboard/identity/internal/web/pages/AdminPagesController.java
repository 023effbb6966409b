package dev.switchboard.identity.internal.web.pages;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.internal.admin.ImpersonationService;
import dev.switchboard.identity.internal.admin.PlatformAdminService;
import dev.switchboard.identity.internal.audit.RequestOrigin;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.identity.internal.web.SessionCookies;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.JobKey;
import dev.switchboard.platform.JobsAdmin;
import dev.switchboard.platform.MailOutbox;
import dev.switchboard.platform.OutboxMail;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import dev.switchboard.platform.ParkedJob;
import dev.switchboard.platform.ScheduledJob;
import dev.switchboard.web.AdminJobsView;
import dev.switchboard.web.AdminOrganizationsView;
import dev.switchboard.web.AdminOutboxView;
import dev.switchboard.web.AdminUsersView;
import dev.switchboard.web.Nav;
import dev.switchboard.web.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform administrator's pages: organizations, users (with impersonation), background
 * jobs and the mail outbox. The security configuration already keeps {@code /admin/**} to
 * platform administrators; each handler checks again, so a mistake in one place does not open
 * jobs or mails (which contain account links) to anyone else.
 */
@Controller
class AdminPagesController {

    private static final int LIST_PAGE = 50;
    private static final String SEPARATOR = "\n";

    private final Pages pages;
    private final PlatformAdminService admin;
    private final ImpersonationService impersonation;
    private final SessionCookies cookies;
    private final JobsAdmin jobs;
    private final MailOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    AdminPagesController(Pages pages, PlatformAdminService admin, ImpersonationService impersonation,
                         SessionCookies cookies, JobsAdmin jobs, MailOutbox outbox, AuditLog audit, Clock clock) {
        this.pages = pages;
        this.admin = admin;
        this.impersonation = impersonation;
        this.cookies = cookies;
        this.jobs = jobs;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String admin() {
        requirePlatformAdmin();
        return "redirect:/admin/organizations";
    }

    // ── organizations and users ─────────────────────────────────────────────────────────────

    @GetMapping("/admin/organizations")
    String organizations(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) String back, Model model) {
        requirePlatformAdmin();
        CursorTrail trail = CursorTrail.of("/admin/organizations", CursorTrail.params("q", q), cursor, back);
        CursorPage<PlatformAdminService.OrganizationSummary> found = admin.organizations(q, LIST_PAGE, trail.cursor());
        List<AdminOrganizationsView.Organization> rows = found.items().stream()
                .map(o -> new AdminOrganizationsView.Organization(o.id().toString(), o.name(),
                        SettingsPagesController.capitalize(o.planTier()), (int) o.members(), o.createdAt()))
                .toList();
        model.addAttribute("page", pages.context("Organizations", Nav.ADMIN_ORGANIZATIONS));
        model.addAttribute("view", new AdminOrganizationsView(rows, q, trail.pagination(found.nextCursor())));
        return "admin/organizations";
    }

    @GetMapping("/admin/users")
    String users(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
                 @RequestParam(required = false) String back, Model model) {
        requirePlatformAdmin();
        CursorTrail trail = CursorTrail.of("/admin/users", CursorTrail.params("q", q), cursor, back);
        CursorPage<PlatformAdminService.UserSummary> found = admin.users(q, LIST_PAGE, trail.cursor());
        List<AdminUsersView.User> rows = found.items().stream()
                .map(u -> new AdminUsersView.User(u.id().toString(),
                        u.fullName() == null || u.fullName().isBlank() ? u.email() : u.fullName(), u.email(),
                        u.organizations(), u.platformAdmin(), u.lastSignInAt(), u.disabled()))
                .toList();
        model.addAttribute("page", pages.context("Users", Nav.ADMIN_USERS));
        model.addAttribute("view", new AdminUsersView(rows, q, trail.pagination(found.nextCursor()),
                ImpersonationService.MAX_MINUTES));
        return "admin/users";
    }

    /**
     * Starts acting as a user: this browser's session cookie becomes the impersonation's, and
     * the administrator's own session waits in a second cookie until "Stop" in the banner
     * brings it back.
     */
    @PostMapping("/admin/users/{id}/impersonate")
    String impersonate(@PathVariable UUID id, @RequestParam(required = false) String reason,
                       @RequestParam(required = false) String minutes, HttpServletRequest request,
                       HttpServletResponse response, RedirectAttributes redirect) {
        requirePlatformAdmin();
        try {
            RequestOrigin origin = RequestOrigin.of(request);
            Sessions.Issued issued = impersonation.start(new ImpersonationService.Start(id, null, reason,
                    minutes(minutes)), origin.ip(), origin.userAgent());
            cookies.read(request, SessionCookies.SESSION).ifPresent(own ->
                    cookies.write(response, SessionCookies.ORIGIN, own, Duration.ofHours(2)));
            cookies.write(response, SessionCookies.SESSION, issued.token(),
                    Duration.between(clock.instant(), issued.expiresAt()));
            return "redirect:/";
        } catch (ApiProblem problem) {
            if (problem.status() == HttpStatus.NOT_FOUND || problem.status() == HttpStatus.FORBIDDEN) {
                throw problem;
            }
            // The dialog checks the reason and duration already; what is left (no organization to
            // act in, a session that is not a browser's) is said above the list.
            redirect.addFlashAttribute(Pages.FLASH_DANGER, problem.detail());
            return "redirect:/admin/users";
        }
    }

    private static Integer minutes(String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(minutes.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.validation("minutes", "must be a whole number of minutes");
        }
    }

    // ── jobs ────────────────────────────────────────────────────────────────────────────────

    @GetMapping("/admin/jobs")
    String jobs(@RequestParam(required = false) String tab, @RequestParam(defaultValue = "1") int page, Model model) {
        requirePlatformAdmin();
        AdminJobsView.Tab shown = tab(tab);
        PageRequest request = new PageRequest(Math.max(1, page) - 1, LIST_PAGE);
        Map<AdminJobsView.Tab, Long> counts = new EnumMap<>(AdminJobsView.Tab.class);
        for (AdminJobsView.Tab t : AdminJobsView.Tab.values()) {
            if (t != shown) {
                counts.put(t, list(t, PageRequest.first(1)).totalItems());
            }
        }
        Page<AdminJobsView.Job> list = list(shown, request);
        counts.put(shown, list.totalItems());
        String base = "/admin/jobs?tab=" + shown.param() + "&page=";
        Pagination pagination = new Pagination(request.page() == 0 ? null : base + request.page(),
                list.hasNext() ? base + (request.page() + 2) : null);
        model.addAttribute("page", pages.context("Jobs", Nav.ADMIN_JOBS));
        model.addAttribute("view", new AdminJobsView(shown, counts, list.items(), pagination));
        return "admin/jobs";
    }

    @PostMapping("/admin/jobs/{id}/retry")
    String retryJob(@PathVariable String id, @RequestParam(required = false) String tab, RedirectAttributes redirect) {
        return actOnJob(id, tab, redirect, "job.retried", jobs::retry, "runs again now");
    }

    @PostMapping("/admin/jobs/{id}/cancel")
    String cancelJob(@PathVariable String id, @RequestParam(required = false) String tab, RedirectAttributes redirect) {
        return actOnJob(id, tab, redirect, "job.cancelled", jobs::cancel, "is cancelled");
    }

    private String actOnJob(String id, String tab, RedirectAttributes redirect, String action,
                            Function<JobKey, Boolean> act, String done) {
        requirePlatformAdmin();
        JobKey key = jobKey(id);
        String name = key.taskName() + " (" + key.instanceId() + ")";
        try {
            if (act.apply(key)) {
                audit.recordPlatform(new AuditEntry(action, "job", key.taskName() + "/" + key.instanceId(), Map.of()), null);
                redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The job " + name + " " + done + ".");
            } else {
                // Most likely it finished or was cancelled since the page was shown.
                redirect.addFlashAttribute(Pages.FLASH_WARNING, "The job " + name + " is no longer there; it may have finished.");
            }
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute(Pages.FLASH_DANGER, problem.detail());
        }
        return "redirect:/admin/jobs?tab=" + tab(tab).param();
    }

    private Page<AdminJobsView.Job> list(AdminJobsView.Tab tab, PageRequest request) {
        return switch (tab) {
            case SCHEDULED -> jobs.scheduled(request).map(j -> job(j, j.executionTime()));
            case RUNNING -> jobs.running(request).map(j -> job(j, j.executionTime()));
            case FAILED -> jobs.failed(request).map(j -> job(j, j.lastFailure() != null ? j.lastFailure() : j.executionTime()));
            case PARKED -> jobs.parked(request).map(AdminPagesController::job);
        };
    }

    private static AdminJobsView.Job job(ScheduledJob job, Instant at) {
        return new AdminJobsView.Job(jobId(job.key()), job.taskName(), job.instanceId(), at, job.consecutiveFailures(),
                job.lastError(), job.runningOn(), job.recurring());
    }

    private static AdminJobsView.Job job(ParkedJob job) {
        // Recurring jobs are never parked: a failed run waits for its next scheduled time.
        return new AdminJobsView.Job(jobId(job.key()), job.taskName(), job.instanceId(), job.parkedAt(), job.attempts(),
                job.lastError(), null, false);
    }

    /** Task and instance in one path segment: instance ids are the callers' and may hold any character. */
    static String jobId(JobKey key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key.taskName() + SEPARATOR + key.instanceId()).getBytes(StandardCharsets.UTF_8));
    }

    static JobKey jobKey(String id) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int at = decoded.indexOf(SEPARATOR);
            if (at > 0) {
                return new JobKey(decoded.substring(0, at), decoded.substring(at + 1));
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw ApiProblem.notFound("This job");
    }

    private static AdminJobsView.Tab tab(String tab) {
        for (AdminJobsView.Tab t : AdminJobsView.Tab.values()) {
            if (t.param().equals(tab)) {
                return t;
            }
        }
        return AdminJobsView.Tab.SCHEDULED;
    }

    // ── outbox ──────────────────────────────────────────────────────────────────────────────

    @GetMapping("/admin/outbox")
    String outbox(@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) UUID message, Model model) {
        requirePlatformAdmin();
        PageRequest request = new PageRequest(Math.max(1, page) - 1, LIST_PAGE);
        Page<OutboxMail> mails = outbox.list(request);
        AdminOutboxView.Detail selected = message == null ? null : outbox.find(message)
                .map(m -> new AdminOutboxView.Detail(mail(m), m.replyTo(), m.bodyText(), m.bodyHtml(), m.lastError()))
                .orElseThrow(() -> ApiProblem.notFound("This e-mail"));
        String base = "/admin/outbox?page=";
        Pagination pagination = new Pagination(request.page() == 0 ? null : base + request.page(),
                mails.hasNext() ? base + (request.page() + 2) : null);
        model.addAttribute("page", pages.context("Outbox", Nav.ADMIN_OUTBOX));
        model.addAttribute("view", new AdminOutboxView(mails.items().stream().map(AdminPagesController::mail).toList(),
                request.page() + 1, pagination, selected));
        return "admin/outbox";
    }

    private static AdminOutboxView.Message mail(OutboxMail mail) {
        return new AdminOutboxView.Message(mail.id().toString(), mail.to(), mail.subject(), mail.template(),
                AdminOutboxView.Status.valueOf(mail.status().name().toUpperCase(Locale.ROOT)), mail.attempts(),
                mail.createdAt(), mail.sentAt());
    }

    private static void requirePlatformAdmin() {
        Actor actor = Actors.require();
        if (!actor.platformAdmin()) {
            throw ApiProblem.forbidden("Only platform administrators may see this page.");
        }
    }
}
