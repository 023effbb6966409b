package dev.switchboard.identity.internal.web.pages;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.internal.account.AccountService;
import dev.switchboard.identity.internal.account.CredentialRecovery;
import dev.switchboard.identity.internal.account.Memberships;
import dev.switchboard.identity.internal.admin.ImpersonationService;
import dev.switchboard.identity.internal.audit.RequestOrigin;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.identity.internal.invitation.InvitationService;
import dev.switchboard.identity.internal.web.SessionCookies;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.web.AcceptInvitationView;
import dev.switchboard.web.ForgotPasswordView;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.ResetPasswordView;
import dev.switchboard.web.SignInView;
import dev.switchboard.web.SignUpView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-out pages (sign-in, sign-up, password reset, invitations, e-mail confirmation)
 * and the session actions of the app shell (sign-out, switching organization, ending an
 * impersonation). Forms that fail are shown again with the values typed and each error next to
 * its field; nothing is lost but the password.
 */
@Controller
class AuthPagesController {

    private final Pages pages;
    private final AccountService accounts;
    private final CredentialRecovery recovery;
    private final InvitationService invitations;
    private final ImpersonationService impersonation;
    private final Sessions sessions;
    private final SessionCookies cookies;
    private final Memberships memberships;

    AuthPagesController(Pages pages, AccountService accounts, CredentialRecovery recovery, InvitationService invitations,
                        ImpersonationService impersonation, Sessions sessions, SessionCookies cookies,
                        Memberships memberships) {
        this.pages = pages;
        this.accounts = accounts;
        this.recovery = recovery;
        this.invitations = invitations;
        this.impersonation = impersonation;
        this.sessions = sessions;
        this.cookies = cookies;
        this.memberships = memberships;
    }

    @GetMapping("/signin")
    String signInPage(@RequestParam(required = false) String next, Model model) {
        if (Actors.current().isPresent()) {
            return "redirect:" + safeNext(next);
        }
        model.addAttribute("next", next == null ? null : safeNext(next));
        return signIn(model, new SignInView(null, FormErrors.none(), true));
    }

    @PostMapping("/signin")
    String signIn(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String next, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        try {
            AccountService.SignedIn signedIn = accounts.signIn(email, password, null, request.getRemoteAddr());
            startSession(signedIn.userId(), signedIn.organizationId(), request, response);
            return "redirect:" + (signedIn.organizationId() == null && signedIn.platformAdmin() ? "/admin/organizations" : safeNext(next));
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("next", next == null ? null : safeNext(next));
            return signIn(model, new SignInView(email, FormProblems.errors(problem), true));
        }
    }

    @GetMapping("/signup")
    String signUpPage(Model model) {
        if (Actors.current().isPresent()) {
            return "redirect:/";
        }
        return signUp(model, new SignUpView(null, null, null, FormErrors.none()));
    }

    @PostMapping("/signup")
    String signUp(@RequestParam(required = false) String organizationName, @RequestParam(required = false) String displayName,
                  @RequestParam(required = false) String email, @RequestParam(required = false) String password,
                  HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            AccountService.SignedIn signedIn = accounts.signUp(new AccountService.SignUp(organizationName, displayName,
                    email, password, null), request.getRemoteAddr());
            startSession(signedIn.userId(), signedIn.organizationId(), request, response);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "Welcome to Switchboard. Your organization "
                    + organizationName.trim() + " is ready.");
            return "redirect:/";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return signUp(model, new SignUpView(organizationName, displayName, email, FormProblems.errors(problem, "fullName", "displayName")));
        }
    }

    @GetMapping("/password/forgot")
    String forgotPage(Model model) {
        return forgot(model, new ForgotPasswordView(null, false, FormErrors.none()));
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam(required = false) String email, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        try {
            recovery.requestPasswordReset(email, request.getRemoteAddr());
            return forgot(model, new ForgotPasswordView(email, true, FormErrors.none()));
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return forgot(model, new ForgotPasswordView(email, false, FormProblems.errors(problem)));
        }
    }

    @GetMapping("/password/reset")
    String resetPage(@RequestParam(required = false) String token, Model model) {
        return reset(model, new ResetPasswordView(token, recovery.resetLinkUsable(token), FormErrors.none()));
    }

    @PostMapping("/password/reset")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
                 @RequestParam(required = false) String passwordConfirmation, HttpServletRequest request,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) {
        if (password != null && !password.equals(passwordConfirmation)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return reset(model, new ResetPasswordView(token, true,
                    FormErrors.of(Map.of("passwordConfirmation", "does not match the new password"))));
        }
        try {
            recovery.resetPassword(token, password, request.getRemoteAddr());
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "Your password is changed. Sign in with the new one.");
            return "redirect:/signin";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            boolean linkProblem = problem.slug().equals("invalid-link") || problem.slug().equals("link-expired");
            return reset(model, new ResetPasswordView(token, !linkProblem, FormProblems.errors(problem)));
        }
    }

    @GetMapping("/verify-email")
    String verifyEmail(@RequestParam(required = false) String token, RedirectAttributes redirect) {
        try {
            recovery.confirmEmailChange(token);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "Your e-mail address is changed. Use it to sign in from now on.");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute(Pages.FLASH_DANGER, problem.detail());
        }
        return Actors.current().isPresent() ? "redirect:/" : "redirect:/signin";
    }

    @GetMapping("/invitations/{token}")
    String invitation(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        return invitation(model, invitationView(token, null, FormErrors.none(), request, response));
    }

    @PostMapping("/invitations/accept")
    String accept(@RequestParam(required = false) String token, @RequestParam(required = false) String displayName,
                  @RequestParam(required = false) String password, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            InvitationService.Accepted accepted = invitations.accept(
                    new InvitationService.AcceptInvitation(token, displayName, password), request.getRemoteAddr());
            Optional<Actor> actor = Actors.current();
            if (actor.isPresent() && actor.get().method() == Actor.AuthMethod.SESSION) {
                sessions.switchOrganization(actor.get().credentialId(), accepted.organizationId());
            } else {
                startSession(accepted.signedIn().userId(), accepted.organizationId(), request, response);
            }
            String name = accepted.signedIn().memberships().stream()
                    .filter(m -> m.organizationId().equals(accepted.organizationId()))
                    .map(Memberships.OrganizationMembership::organizationName).findFirst().orElse("the organization");
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "You joined " + name + ".");
            return "redirect:/";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return invitation(model, invitationView(token, displayName, FormProblems.errors(problem, "fullName", "displayName"),
                    request, response));
        }
    }

    @PostMapping("/signout")
    String signOut(HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Actors.current().filter(a -> a.method() == Actor.AuthMethod.SESSION).ifPresent(a -> sessions.revoke(a.credentialId()));
        cookies.read(request, SessionCookies.ORIGIN).flatMap(sessions::find).ifPresent(s -> sessions.revoke(s.id()));
        cookies.clear(response, SessionCookies.SESSION);
        cookies.clear(response, SessionCookies.ORIGIN);
        redirect.addFlashAttribute(Pages.FLASH_INFO, "You are signed out.");
        return "redirect:/signin";
    }

    @PostMapping("/session/organization")
    String switchOrganization(@RequestParam UUID organizationId, RedirectAttributes redirect) {
        Actor actor = Actors.require();
        if (actor.method() != Actor.AuthMethod.SESSION || actor.impersonated()) {
            throw ApiProblem.forbidden("You cannot switch organization in this session.");
        }
        var target = memberships.of(actor.userId()).stream().filter(m -> m.organizationId().equals(organizationId))
                .findFirst().orElseThrow(() -> ApiProblem.forbidden("You are not a member of that organization."));
        sessions.switchOrganization(actor.credentialId(), organizationId);
        redirect.addFlashAttribute(Pages.FLASH_INFO, "You are now working in " + target.organizationName() + ".");
        return "redirect:/";
    }

    @PostMapping("/admin/impersonation/stop")
    String stopImpersonation(HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (impersonation.stop()) {
            Optional<String> origin = cookies.read(request, SessionCookies.ORIGIN);
            cookies.clear(response, SessionCookies.ORIGIN);
            if (origin.isPresent()) {
                cookies.write(response, SessionCookies.SESSION, origin.get(), Duration.ofDays(1));
                redirect.addFlashAttribute(Pages.FLASH_INFO, "You are yourself again.");
                return "redirect:/admin/users";
            }
            cookies.clear(response, SessionCookies.SESSION);
            return "redirect:/signin";
        }
        return "redirect:/";
    }

    private void startSession(UUID userId, UUID organizationId, HttpServletRequest request, HttpServletResponse response) {
        RequestOrigin origin = RequestOrigin.of(request);
        Sessions.Issued issued = sessions.create(userId, organizationId, origin.ip(), origin.userAgent());
        cookies.write(response, SessionCookies.SESSION, issued.token(), Duration.between(Instant.now(), issued.expiresAt()));
    }

    private AcceptInvitationView invitationView(String token, String displayName, FormErrors errors,
                                                HttpServletRequest request, HttpServletResponse response) {
        try {
            InvitationService.InvitationPreview preview = invitations.preview(token, request.getRemoteAddr());
            AcceptInvitationView.Mode mode;
            if (!preview.accountExists()) {
                mode = AcceptInvitationView.Mode.NEW_ACCOUNT;
            } else {
                boolean signedInAsInvited = Actors.current().map(Actor::email)
                        .filter(e -> e.equalsIgnoreCase(preview.email())).isPresent();
                mode = signedInAsInvited ? AcceptInvitationView.Mode.SIGNED_IN : AcceptInvitationView.Mode.SIGN_IN_REQUIRED;
            }
            return new AcceptInvitationView(token, preview.organizationName(), preview.role().code(), null, preview.email(),
                    mode, displayName, errors);
        } catch (ApiProblem problem) {
            if (response.getStatus() < 400) {
                response.setStatus(problem.status().value());
            }
            return new AcceptInvitationView(token, null, null, null, null, AcceptInvitationView.Mode.EXPIRED, null,
                    FormErrors.summary(problem.detail()));
        }
    }

    private String signIn(Model model, SignInView view) {
        model.addAttribute("page", pages.signedOut("Sign in"));
        model.addAttribute("view", view);
        return "auth/signin";
    }

    private String signUp(Model model, SignUpView view) {
        model.addAttribute("page", pages.signedOut("Create your organization"));
        model.addAttribute("view", view);
        return "auth/signup";
    }

    private String forgot(Model model, ForgotPasswordView view) {
        model.addAttribute("page", pages.signedOut("Reset your password"));
        model.addAttribute("view", view);
        return "auth/forgot-password";
    }

    private String reset(Model model, ResetPasswordView view) {
        model.addAttribute("page", pages.signedOut("Choose a new password"));
        model.addAttribute("view", view);
        return "auth/reset-password";
    }

    private String invitation(Model model, AcceptInvitationView view) {
        model.addAttribute("page", pages.signedOut("Join " + (view.organizationName() == null ? "an organization" : view.organizationName())));
        model.addAttribute("view", view);
        return "auth/accept-invitation";
    }

    /** Only paths on this server: never an open redirect to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.contains("\n")) {
            return "/";
        }
        return next;
    }
}
