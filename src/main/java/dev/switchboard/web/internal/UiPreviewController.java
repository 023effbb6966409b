package dev.switchboard.web.internal;

import dev.switchboard.web.AcceptInvitationView;
import dev.switchboard.web.AdminJobsView;
import dev.switchboard.web.ErrorView;
import dev.switchboard.web.ForgotPasswordView;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.Nav;
import dev.switchboard.web.PageContext;
import dev.switchboard.web.ResetPasswordView;
import dev.switchboard.web.SignInView;
import dev.switchboard.web.SignUpView;
import dev.switchboard.web.internal.PreviewSamples.Shell;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every page of the UI rendered with fixed sample data, for screenshots and for reviewing the
 * design without a database. Only present when {@code switchboard.ui.preview=true}.
 *
 * <p>Query parameters change the shell on app pages ({@code impersonating}, {@code member} for a
 * manager who is no platform admin, {@code single} for one organization, {@code flash}) and the
 * state of a page ({@code errors}, {@code empty}, {@code created}…); {@code /ui-preview} lists them.
 *
 * <p>The {@link Shell} is bound as a model attribute that no template declares, which shows on
 * every page that extra model attributes do not disturb rendering.
 */
@Controller
@RequestMapping("/ui-preview")
@ConditionalOnProperty(name = "switchboard.ui.preview", havingValue = "true")
class UiPreviewController {

    @ModelAttribute("shell")
    Shell shell(@RequestParam(defaultValue = "false") boolean impersonating, @RequestParam(defaultValue = "false") boolean member,
            @RequestParam(defaultValue = "false") boolean single, @RequestParam(defaultValue = "false") boolean flash) {
        return new Shell(impersonating, member, single, flash);
    }

    @GetMapping({"", "/"})
    String index(Shell shell, Model model) {
        return page(model, PreviewSamples.app("UI preview", null, shell), null, "preview/index");
    }

    @GetMapping("/components")
    String components(Shell shell, Model model) {
        return page(model, PreviewSamples.app("Components", null, shell), null, "preview/components");
    }

    // ── signed out ───────────────────────────────────────────────────────────────────────────

    @GetMapping("/auth/signin")
    String signIn(@RequestParam(defaultValue = "false") boolean errors, Model model) {
        SignInView view = errors
                ? new SignInView("maya.chen@northwind.example",
                        FormErrors.summary("The e-mail address or password is not right. Check both, or reset your password."), true)
                : new SignInView(null, FormErrors.none(), true);
        return page(model, PageContext.signedOut("Sign in", PreviewSamples.CSRF), view, "auth/signin");
    }

    @GetMapping("/auth/signup")
    String signUp(@RequestParam(defaultValue = "false") boolean errors, Model model) {
        SignUpView view = errors
                ? new SignUpView("Northwind Dental Group", "Maya Chen", "maya.chen@northwind",
                        PreviewSamples.fieldErrors("email", "Enter an e-mail address like name@example.com.",
                                "password", "Use at least 10 characters; this one has 7."))
                : new SignUpView(null, null, null, FormErrors.none());
        return page(model, PageContext.signedOut("Create your organization", PreviewSamples.CSRF), view, "auth/signup");
    }

    @GetMapping("/auth/forgot-password")
    String forgotPassword(@RequestParam(defaultValue = "false") boolean sent, Model model) {
        ForgotPasswordView view = new ForgotPasswordView(sent ? "maya.chen@northwind.example" : null, sent, FormErrors.none());
        return page(model, PageContext.signedOut("Reset your password", PreviewSamples.CSRF), view, "auth/forgot-password");
    }

    @GetMapping("/auth/reset-password")
    String resetPassword(@RequestParam(defaultValue = "false") boolean expired, @RequestParam(defaultValue = "false") boolean errors,
            Model model) {
        FormErrors formErrors = errors
                ? FormErrors.of(Map.of("passwordConfirmation", "The two passwords differ. Type the same password twice."))
                : FormErrors.none();
        ResetPasswordView view = new ResetPasswordView("reset-token-8d2c", !expired, formErrors);
        return page(model, PageContext.signedOut("Choose a new password", PreviewSamples.CSRF), view, "auth/reset-password");
    }

    @GetMapping("/auth/accept-invitation")
    String acceptInvitation(@RequestParam(defaultValue = "new-account") String mode,
            @RequestParam(defaultValue = "false") boolean errors, Model model) {
        AcceptInvitationView.Mode chosen = AcceptInvitationView.Mode.valueOf(mode.toUpperCase(Locale.ROOT).replace('-', '_'));
        return page(model, PageContext.signedOut("Join Northwind Dental Group", PreviewSamples.CSRF),
                PreviewSamples.invitation(chosen, errors), "auth/accept-invitation");
    }

    @GetMapping("/error")
    String error(@RequestParam(defaultValue = "404") int status, Model model) {
        return page(model, PageContext.signedOut("Error", PreviewSamples.CSRF),
                ErrorView.forStatus(status, "7f3c9a2e-41b8-4d6f-9e0a-b5c2d8f1a364"), "error");
    }

    // ── workspace ────────────────────────────────────────────────────────────────────────────

    @GetMapping("/app/dashboard")
    String dashboard(Shell shell, @RequestParam(defaultValue = "true") boolean empty, Model model) {
        return page(model, PreviewSamples.app("Dashboard", Nav.DASHBOARD, shell),
                empty ? PreviewSamples.emptyDashboard() : PreviewSamples.busyDashboard(), "app/dashboard");
    }

    @GetMapping("/app/agents")
    String agents(Shell shell, Model model) {
        return page(model, PreviewSamples.app("Agents", Nav.AGENTS, shell), PreviewSamples.agents(!shell.member()), "app/agents");
    }

    @GetMapping("/app/phone-numbers")
    String phoneNumbers(Shell shell, Model model) {
        return page(model, PreviewSamples.app("Phone Numbers", Nav.PHONE_NUMBERS, shell),
                PreviewSamples.phoneNumbers(!shell.member()), "app/phone-numbers");
    }

    // ── settings ─────────────────────────────────────────────────────────────────────────────

    @GetMapping("/settings/organization")
    String organization(Shell shell, @RequestParam(defaultValue = "false") boolean errors, Model model) {
        return page(model, PreviewSamples.app("Organization settings", Nav.SETTINGS_ORGANIZATION, shell),
                PreviewSamples.organization(!shell.member(), errors), "settings/organization");
    }

    @GetMapping("/settings/members")
    String members(Shell shell, @RequestParam(defaultValue = "false") boolean errors, Model model) {
        return page(model, PreviewSamples.app("Members", Nav.SETTINGS_MEMBERS, shell),
                PreviewSamples.members(!shell.member(), errors), "settings/members");
    }

    @GetMapping("/settings/api-keys")
    String apiKeys(Shell shell, @RequestParam(defaultValue = "false") boolean created,
            @RequestParam(defaultValue = "false") boolean errors, @RequestParam(defaultValue = "false") boolean empty, Model model) {
        return page(model, PreviewSamples.app("API keys", Nav.SETTINGS_API_KEYS, shell),
                PreviewSamples.apiKeys(created, errors, empty), "settings/api-keys");
    }

    @GetMapping("/settings/audit-log")
    String auditLog(Shell shell, @RequestParam(defaultValue = "false") boolean filtered,
            @RequestParam(defaultValue = "false") boolean empty, Model model) {
        return page(model, PreviewSamples.app("Audit log", Nav.SETTINGS_AUDIT_LOG, shell),
                PreviewSamples.auditLog(filtered, empty), "settings/audit-log");
    }

    // ── platform admin ───────────────────────────────────────────────────────────────────────

    @GetMapping("/admin/organizations")
    String adminOrganizations(Shell shell, @RequestParam(required = false) String q, Model model) {
        return page(model, PreviewSamples.app("Organizations", Nav.ADMIN_ORGANIZATIONS, shell),
                PreviewSamples.organizations(q), "admin/organizations");
    }

    @GetMapping("/admin/users")
    String adminUsers(Shell shell, @RequestParam(required = false) String q, Model model) {
        return page(model, PreviewSamples.app("Users", Nav.ADMIN_USERS, shell), PreviewSamples.users(q), "admin/users");
    }

    @GetMapping("/admin/jobs")
    String adminJobs(Shell shell, @RequestParam(defaultValue = "failed") String tab, Model model) {
        AdminJobsView.Tab chosen = AdminJobsView.Tab.valueOf(tab.toUpperCase(Locale.ROOT));
        return page(model, PreviewSamples.app("Jobs", Nav.ADMIN_JOBS, shell), PreviewSamples.jobs(chosen), "admin/jobs");
    }

    @GetMapping("/admin/outbox")
    String adminOutbox(Shell shell, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) String message, Model model) {
        return page(model, PreviewSamples.app("Outbox", Nav.ADMIN_OUTBOX, shell),
                PreviewSamples.outbox(page, message), "admin/outbox");
    }

    private static String page(Model model, PageContext page, Object view, String viewName) {
        model.addAttribute("page", page);
        if (view != null) {
            model.addAttribute("view", view);
        }
        return viewName;
    }
}
