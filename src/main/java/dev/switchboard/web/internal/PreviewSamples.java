package dev.switchboard.web.internal;

import dev.switchboard.web.AcceptInvitationView;
import dev.switchboard.web.AdminJobsView;
import dev.switchboard.web.AdminOrganizationsView;
import dev.switchboard.web.AdminOutboxView;
import dev.switchboard.web.AdminUsersView;
import dev.switchboard.web.ApiKeysView;
import dev.switchboard.web.AuditLogView;
import dev.switchboard.web.CsrfField;
import dev.switchboard.web.DashboardView;
import dev.switchboard.web.Flash;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.Impersonation;
import dev.switchboard.web.MembersView;
import dev.switchboard.web.OrganizationChoice;
import dev.switchboard.web.OrganizationSettingsView;
import dev.switchboard.web.PageContext;
import dev.switchboard.web.Pagination;
import dev.switchboard.web.SelectOption;
import dev.switchboard.web.UsageMeter;
import dev.switchboard.web.Viewer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Believable, fixed sample data for the preview pages: the same on every run, so screenshots can
 * be compared and tests can look for exact texts.
 */
final class PreviewSamples {

    /** "Now" of every sample: timestamps are relative to it. */
    static final Instant NOW = Instant.parse("2026-03-12T14:30:00Z");
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final CsrfField CSRF = new CsrfField("_csrf", "X-CSRF-TOKEN", "preview-csrf-token");

    private PreviewSamples() {
    }

    /**
     * How the shell around a preview page looks, from the query parameters of the preview URL.
     *
     * @param impersonating show the impersonation banner
     * @param member        view as a manager who is not a platform admin
     * @param single        the viewer belongs to one organization only (no switcher)
     * @param flash         show flash messages above the content
     */
    record Shell(boolean impersonating, boolean member, boolean single, boolean flash) {
    }

    static PageContext app(String title, String nav, Shell shell) {
        Viewer viewer = shell.member()
                ? new Viewer("dana.ortiz@northwind.example", "Dana Ortiz", "Northwind Dental Group", "manager", false, ZONE)
                : new Viewer("maya.chen@northwind.example", "Maya Chen", "Northwind Dental Group", "admin", true, ZONE);
        List<OrganizationChoice> organizations = shell.single()
                ? List.of(new OrganizationChoice("org_01", "Northwind Dental Group", viewer.role(), true))
                : List.of(
                        new OrganizationChoice("org_01", "Northwind Dental Group", viewer.role(), true),
                        new OrganizationChoice("org_02", "Harbor Realty", "manager", false),
                        new OrganizationChoice("org_03", "Lakeside Veterinary Clinics", "viewer", false));
        Impersonation impersonation = shell.impersonating()
                ? new Impersonation("Dana Ortiz", "dana.ortiz@northwind.example", "Ticket #4821: campaign stuck at 40 %", 23)
                : null;
        List<Flash> flashes = shell.flash()
                ? List.of(Flash.success("Invitation sent to sam.lee@northwind.example."),
                        Flash.warning("Your plan's call minutes are 86 % used; campaigns pause at the limit."))
                : List.of();
        return new PageContext(title, nav, viewer, organizations, impersonation, CSRF, flashes);
    }

    static List<UsageMeter> usage() {
        return List.of(
                new UsageMeter("Call minutes", 4_312, 5_000L, "min"),
                new UsageMeter("Outbound calls", 1_286, 3_000L, null),
                new UsageMeter("Active agents", 2, 5L, null),
                new UsageMeter("SMS sent", 214, null, null));
    }

    static DashboardView emptyDashboard() {
        return new DashboardView(0, 0, 0, "$0.00", null, 0, 0, List.of(), List.of(), "March 2026", 0);
    }

    static DashboardView busyDashboard() {
        java.time.Instant now = java.time.Instant.parse("2026-03-18T15:04:00Z");
        return new DashboardView(64, 1_286, 4_312, "$1,078.00", 41.7, 9, 2,
                List.of(new DashboardView.Campaign(java.util.UUID.randomUUID(), "Spring renewals", "processing", 2_400, 1_530,
                                1_102, 311, 63),
                        new DashboardView.Campaign(java.util.UUID.randomUUID(), "Open house follow-up", "paused", 180, 40, 31, 9, 22)),
                List.of(new DashboardView.Call(java.util.UUID.randomUUID(), "outbound", "+14155550142", "Dana Whitfield",
                                "completed", "answered", 184, now.minusSeconds(90)),
                        new DashboardView.Call(java.util.UUID.randomUUID(), "inbound", "+14155550178", null, "in_progress", null,
                                null, now.minusSeconds(300)),
                        new DashboardView.Call(java.util.UUID.randomUUID(), "outbound", "+14155550119", "Lee Park", "completed",
                                "voicemail", 32, now.minusSeconds(720))),
                "March 2026", 48_210);
    }

    static OrganizationSettingsView organization(boolean canEdit, boolean errors) {
        List<SelectOption> zones = List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
                        "America/Phoenix", "America/Toronto", "Europe/London", "Europe/Berlin", "Europe/Madrid",
                        "Asia/Kolkata", "Asia/Singapore", "Australia/Sydney", "UTC")
                .stream().map(z -> new SelectOption(z, z.replace('_', ' '))).toList();
        List<SelectOption> regions = List.of(
                new SelectOption("US", "United States (+1)"), new SelectOption("CA", "Canada (+1)"),
                new SelectOption("GB", "United Kingdom (+44)"), new SelectOption("DE", "Germany (+49)"),
                new SelectOption("FR", "France (+33)"), new SelectOption("ES", "Spain (+34)"),
                new SelectOption("AU", "Australia (+61)"), new SelectOption("IN", "India (+91)"));
        FormErrors formErrors = errors
                ? FormErrors.of(Map.of("name", "Enter the organization's name; it cannot be blank."))
                : FormErrors.none();
        return new OrganizationSettingsView(errors ? "" : "Northwind Dental Group", "America/New_York", "US", "Growth",
                zones, regions, "March 2026", usage(), canEdit, formErrors);
    }

    static List<SelectOption> roles() {
        return List.of(new SelectOption("admin", "Admin"), new SelectOption("manager", "Manager"),
                new SelectOption("viewer", "Viewer"));
    }

    static MembersView members(boolean canManage, boolean errors) {
        List<MembersView.Member> members = List.of(
                new MembersView.Member("u_01", "Maya Chen", "maya.chen@northwind.example", "admin", ago(Duration.ofDays(412)), canManage),
                new MembersView.Member("u_02", "Daniel Okafor", "daniel.okafor@northwind.example", "admin", ago(Duration.ofDays(380)), false),
                new MembersView.Member("u_03", "Dana Ortiz", "dana.ortiz@northwind.example", "manager", ago(Duration.ofDays(201)), !canManage),
                new MembersView.Member("u_04", "Priya Raman", "priya.raman@northwind.example", "manager", ago(Duration.ofDays(96)), false),
                new MembersView.Member("u_05", "Tomás Álvarez", "tomas.alvarez@northwind.example", "viewer", ago(Duration.ofDays(33)), false),
                new MembersView.Member("u_06", "Lena Fischer", "lena.fischer@northwind.example", "viewer", ago(Duration.ofDays(4)), false));
        List<MembersView.Invitation> invitations = List.of(
                new MembersView.Invitation("inv_01", "sam.lee@northwind.example", "manager", "Maya Chen", ago(Duration.ofDays(2)), NOW.plus(Duration.ofDays(5))),
                new MembersView.Invitation("inv_02", "front-desk@northwind.example", "viewer", "Daniel Okafor", ago(Duration.ofHours(5)), NOW.plus(Duration.ofDays(7))));
        FormErrors inviteErrors = errors
                ? FormErrors.of(Map.of("email", "priya.raman@northwind.example is already a member of Northwind Dental Group."))
                : FormErrors.none();
        return new MembersView(members, invitations, roles(), errors ? "priya.raman@northwind.example" : null, "manager",
                inviteErrors, canManage);
    }

    static dev.switchboard.web.AgentsView agents(boolean canManage) {
        List<dev.switchboard.web.AgentsView.Row> rows = List.of(
                new dev.switchboard.web.AgentsView.Row("agt_01", "Appointment reminders", "appointment", "active", "synced", null,
                        ago(Duration.ofHours(3))),
                new dev.switchboard.web.AgentsView.Row("agt_02", "Front desk", "support", "draft", "failed",
                        "general_prompt is too long for this plan", ago(Duration.ofDays(2))),
                new dev.switchboard.web.AgentsView.Row("agt_03", "Renewals", "sales", "inactive", "pending", null,
                        ago(Duration.ofDays(9))));
        return new dev.switchboard.web.AgentsView(rows, new dev.switchboard.web.AgentsView.Filter(null, null, null, "-updatedAt"),
                List.of(new SelectOption("draft", "Draft"), new SelectOption("active", "Active"), new SelectOption("inactive", "Inactive")),
                List.of(new SelectOption("sales", "Sales"), new SelectOption("support", "Support")),
                new dev.switchboard.web.AgentsView.SortLinks("?sort=name", "?sort=updatedAt"),
                new dev.switchboard.web.Pagination(null, "?cursor=next"), canManage);
    }

    static dev.switchboard.web.PhoneNumbersView phoneNumbers(boolean canManage) {
        return new dev.switchboard.web.PhoneNumbersView(List.of(
                new dev.switchboard.web.PhoneNumbersView.Number("num_01", "+14155550123", "Main line", "sandbox", "active", true,
                        "agt_02", null),
                new dev.switchboard.web.PhoneNumbersView.Number("num_02", "+14155550188", "Sales line", "twilio", "pending", false,
                        null, "agt_01")),
                List.of(new SelectOption("agt_01", "Appointment reminders"), new SelectOption("agt_02", "Front desk (draft)")),
                null, "The primary phone number Main line (+14155550123) has no outbound agent. Choose the agent that places "
                        + "calls from it on the Phone Numbers page.", canManage);
    }

    static ApiKeysView apiKeys(boolean created, boolean errors, boolean empty) {
        List<ApiKeysView.ApiKey> keys = empty ? List.of() : List.of(
                new ApiKeysView.ApiKey("key_01", "CRM sync", "sb_live_7Qm2", List.of("calls:read", "contacts:write"),
                        ago(Duration.ofDays(64)), ago(Duration.ofMinutes(12)), NOW.plus(Duration.ofDays(300)), ApiKeysView.Status.ACTIVE),
                new ApiKeysView.ApiKey("key_02", "Zapier", "sb_live_c81X", List.of("campaigns:write"),
                        ago(Duration.ofDays(9)), null, NOW.plus(Duration.ofDays(81)), ApiKeysView.Status.ACTIVE),
                new ApiKeysView.ApiKey("key_03", "Reporting export", "sb_live_Rt5e", List.of("calls:read"),
                        ago(Duration.ofDays(420)), ago(Duration.ofDays(60)), ago(Duration.ofDays(55)), ApiKeysView.Status.EXPIRED),
                new ApiKeysView.ApiKey("key_04", "Old website form", "sb_live_Lp0a", List.of("contacts:write"),
                        ago(Duration.ofDays(510)), ago(Duration.ofDays(200)), null, ApiKeysView.Status.REVOKED));
        boolean checkCalls = !errors;
        List<ApiKeysView.Scope> scopes = List.of(
                new ApiKeysView.Scope("calls:read", "Read calls, transcripts and recordings", checkCalls),
                new ApiKeysView.Scope("calls:write", "Place outbound calls and end calls in progress", false),
                new ApiKeysView.Scope("campaigns:write", "Create, start and pause campaigns", false),
                new ApiKeysView.Scope("contacts:write", "Import and update contacts and leads", false));
        List<SelectOption> expiries = List.of(new SelectOption("30", "In 30 days"), new SelectOption("90", "In 90 days"),
                new SelectOption("365", "In 1 year"), new SelectOption("", "Never"));
        FormErrors formErrors = errors
                ? fieldErrors("name", "Enter a name so you can tell this key from the others.",
                        "scopes", "Choose at least one scope.")
                : FormErrors.none();
        ApiKeysView.CreatedKey createdKey = created
                ? new ApiKeysView.CreatedKey("CRM sync", "sb_live_7Qm2hX9dKfP3rT8wLz4vN6bY1cE5gJ0aUq")
                : null;
        return new ApiKeysView(keys, scopes, expiries, createdKey, null, "90", formErrors, true);
    }

    static AuditLogView auditLog(boolean filtered, boolean empty) {
        List<AuditLogView.Entry> entries = empty ? List.of() : List.of(
                new AuditLogView.Entry("a1", ago(Duration.ofMinutes(3)), "Maya Chen", "maya.chen@northwind.example", null, "member.invited", "sam.lee@northwind.example", "203.0.113.24"),
                new AuditLogView.Entry("a2", ago(Duration.ofMinutes(41)), "Dana Ortiz", "dana.ortiz@northwind.example", "Maya Chen", "campaign.paused", "Spring recall reminders", "198.51.100.7"),
                new AuditLogView.Entry("a3", ago(Duration.ofHours(2)), "Daniel Okafor", "daniel.okafor@northwind.example", null, "api_key.created", "CRM sync (sb_live_7Qm2)", "203.0.113.24"),
                new AuditLogView.Entry("a4", ago(Duration.ofHours(5)), "Priya Raman", "priya.raman@northwind.example", null, "agent.updated", "Front desk receptionist", "192.0.2.118"),
                new AuditLogView.Entry("a5", ago(Duration.ofHours(26)), "Maya Chen", "maya.chen@northwind.example", null, "member.role_changed", "priya.raman@northwind.example: viewer → manager", "203.0.113.24"),
                new AuditLogView.Entry("a6", ago(Duration.ofHours(30)), "System", null, null, "api_key.expired", "Reporting export (sb_live_Rt5e)", null),
                new AuditLogView.Entry("a7", ago(Duration.ofDays(3)), "Daniel Okafor", "daniel.okafor@northwind.example", null, "organization.updated", "Time zone: America/Chicago → America/New_York", "2001:db8::4a1"),
                new AuditLogView.Entry("a8", ago(Duration.ofDays(4)), "Maya Chen", "maya.chen@northwind.example", null, "member.removed", "jordan.blake@northwind.example", "203.0.113.24"));
        List<SelectOption> actions = List.of("agent.updated", "api_key.created", "api_key.expired", "api_key.revoked",
                "campaign.paused", "member.invited", "member.removed", "member.role_changed", "organization.updated")
                .stream().map(SelectOption::of).toList();
        AuditLogView.Filter filter = filtered
                ? new AuditLogView.Filter("maya", "member.invited", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 12))
                : AuditLogView.Filter.none();
        return new AuditLogView(entries, filter, actions,
                empty ? Pagination.singlePage() : new Pagination(null, "/ui-preview/settings/audit-log?before=a8"));
    }

    static AdminOrganizationsView organizations(String query) {
        List<AdminOrganizationsView.Organization> all = List.of(
                new AdminOrganizationsView.Organization("0195a3c2-7d41-7c1e-9b52-4f0e2a6d8c13", "Northwind Dental Group", "Growth", 6, ago(Duration.ofDays(412))),
                new AdminOrganizationsView.Organization("0195a3c2-8e02-7a44-8d17-1c9b3e5f7a20", "Harbor Realty", "Starter", 3, ago(Duration.ofDays(210))),
                new AdminOrganizationsView.Organization("0195a3c2-91f3-74d8-a6e3-52b8d0c4e961", "Lakeside Veterinary Clinics", "Growth", 14, ago(Duration.ofDays(180))),
                new AdminOrganizationsView.Organization("0195a3c2-a3b7-7f90-b2c1-8e4d6a1f3b75", "Summit Roofing & Solar", "Scale", 41, ago(Duration.ofDays(120))),
                new AdminOrganizationsView.Organization("0195a3c2-b5c8-71a2-9f36-0d7e2b9c5a48", "Brightline Insurance Agency", "Starter", 2, ago(Duration.ofDays(45))),
                new AdminOrganizationsView.Organization("0195a3c2-c6d9-7b13-8a47-3f1c5e8d2b06", "Oak & Ivy Law", "Trial", 1, ago(Duration.ofDays(2))));
        List<AdminOrganizationsView.Organization> shown = query == null || query.isBlank() ? all
                : all.stream().filter(o -> o.name().toLowerCase().contains(query.toLowerCase())).toList();
        return new AdminOrganizationsView(shown, query, new Pagination(null, "/ui-preview/admin/organizations?after=6"));
    }

    static AdminUsersView users(String query) {
        List<AdminUsersView.User> all = List.of(
                new AdminUsersView.User("u_01", "Maya Chen", "maya.chen@northwind.example", List.of("Northwind Dental Group", "Harbor Realty", "Lakeside Veterinary Clinics"), true, ago(Duration.ofMinutes(2)), false),
                new AdminUsersView.User("u_03", "Dana Ortiz", "dana.ortiz@northwind.example", List.of("Northwind Dental Group"), false, ago(Duration.ofHours(3)), false),
                new AdminUsersView.User("u_07", "Marcus Webb", "marcus@harbor-realty.example", List.of("Harbor Realty"), false, ago(Duration.ofDays(1)), false),
                new AdminUsersView.User("u_08", "Aisha Karimi", "aisha.karimi@lakesidevets.example", List.of("Lakeside Veterinary Clinics"), false, ago(Duration.ofDays(6)), false),
                new AdminUsersView.User("u_09", "Hiroshi Tanaka", "h.tanaka@summitroofing.example", List.of("Summit Roofing & Solar"), false, null, false),
                new AdminUsersView.User("u_10", "Rachel Green", "rachel@brightline.example", List.of("Brightline Insurance Agency"), false, ago(Duration.ofDays(52)), true));
        List<AdminUsersView.User> shown = query == null || query.isBlank() ? all
                : all.stream().filter(u -> (u.displayName() + " " + u.email()).toLowerCase().contains(query.toLowerCase())).toList();
        return new AdminUsersView(shown, query, Pagination.singlePage(), 60);
    }

    static AdminJobsView jobs(AdminJobsView.Tab tab) {
        Map<AdminJobsView.Tab, Long> counts = Map.of(AdminJobsView.Tab.SCHEDULED, 1_204L, AdminJobsView.Tab.RUNNING, 3L,
                AdminJobsView.Tab.FAILED, 4L, AdminJobsView.Tab.PARKED, 0L);
        List<AdminJobsView.Job> jobs = switch (tab) {
            case SCHEDULED -> List.of(
                    new AdminJobsView.Job("j_101", "campaign-dispatch", "Spring recall reminders · batch 14", NOW.plus(Duration.ofSeconds(40)), 0, null, null, false),
                    new AdminJobsView.Job("j_102", "webhook-delivery", "call.ended → https://crm.northwind.example/hooks", NOW.plus(Duration.ofMinutes(2)), 0, null, null, false),
                    new AdminJobsView.Job("j_103", "appointment-reminder", "SMS to +1 617 555 0142", NOW.plus(Duration.ofMinutes(55)), 0, null, null, false),
                    new AdminJobsView.Job("j_104", "usage-rollup", "March 2026", NOW.plus(Duration.ofHours(9)), 0, null, null, true));
            case RUNNING -> List.of(
                    new AdminJobsView.Job("j_201", "campaign-dispatch", "Open house follow-up · batch 3", ago(Duration.ofSeconds(12)), 0, null, "node-a-7f9c", false),
                    new AdminJobsView.Job("j_202", "contact-import", "leads-march.csv (8,412 rows)", ago(Duration.ofMinutes(1)), 0, null, "node-b-21d4", false),
                    new AdminJobsView.Job("j_203", "agent-sync", "Front desk receptionist → Retell", ago(Duration.ofSeconds(3)), 0, null, "node-a-7f9c", false));
            case FAILED -> List.of(
                    new AdminJobsView.Job("j_301", "webhook-delivery", "call.ended → https://hooks.harbor-realty.example/in", ago(Duration.ofMinutes(4)), 3, "HTTP 503 from receiver after 10 s", null, false),
                    new AdminJobsView.Job("j_302", "calendar-sync", "Zoho Bookings · Lakeside Veterinary Clinics", ago(Duration.ofMinutes(18)), 2, "Zoho answered 401: refresh token revoked", null, false),
                    new AdminJobsView.Job("j_303", "email-delivery", "Invitation to front-desk@northwind.example", ago(Duration.ofMinutes(31)), 1, "SMTP 421 4.7.0 Try again later", null, false),
                    new AdminJobsView.Job("j_304", "recording-fetch", "Call 0195b1e4… from Twilio", ago(Duration.ofHours(1)), 4, "Recording not yet available (404)", null, false));
            case PARKED -> List.of();
        };
        return new AdminJobsView(tab, counts, jobs, tab == AdminJobsView.Tab.SCHEDULED
                ? new Pagination(null, "/ui-preview/admin/jobs?tab=scheduled&after=j_104") : Pagination.singlePage());
    }

    static AdminOutboxView outbox(int page, String selectedId) {
        List<AdminOutboxView.Message> all = List.of(
                new AdminOutboxView.Message("0195b2a1-0c4e-7d21-9a83-5e1f7b2c9d40", "sam.lee@northwind.example", "Maya Chen invited you to Northwind Dental Group", "invitation", AdminOutboxView.Status.SENT, 1, ago(Duration.ofSeconds(30)), ago(Duration.ofSeconds(29))),
                new AdminOutboxView.Message("0195b2a0-3b17-7f02-8c55-19d4e6a0b7f3", "marcus@harbor-realty.example", "Reset your Switchboard password", "password-reset", AdminOutboxView.Status.QUEUED, 0, ago(Duration.ofSeconds(45)), null),
                new AdminOutboxView.Message("0195b297-9e62-7a18-b4c0-7d3f5a1e8c26", "front-desk@northwind.example", "Daniel Okafor invited you to Northwind Dental Group", "invitation", AdminOutboxView.Status.FAILED, 8, ago(Duration.ofMinutes(9)), null),
                new AdminOutboxView.Message("0195b290-5d8a-7c34-a1f9-2b6e0c7d4a18", "aisha.karimi@lakesidevets.example", "Welcome to Switchboard", "welcome", AdminOutboxView.Status.SENT, 2, ago(Duration.ofMinutes(14)), ago(Duration.ofMinutes(13))),
                new AdminOutboxView.Message("0195b28a-71c3-7e95-8f02-4a9b3d6e1c57", "h.tanaka@summitroofing.example", "Confirm your new e-mail address", "email-change", AdminOutboxView.Status.CAPTURED, 0, ago(Duration.ofMinutes(22)), null));
        AdminOutboxView.Detail detail = all.stream().filter(m -> m.id().equals(selectedId)).findFirst()
                .map(m -> new AdminOutboxView.Detail(m, "maya.chen@northwind.example", """
                        Hello,

                        Daniel Okafor invited you to join Northwind Dental Group on Switchboard as a viewer.

                        Accept the invitation: https://switchboard.example/invitations/sbi_…

                        The link works until 19 March 2026, 14:21 UTC.""",
                        "<p>Hello,</p>\n<p>Daniel Okafor invited you to join <strong>Northwind Dental Group</strong>…</p>",
                        m.status() == AdminOutboxView.Status.FAILED
                                ? "SMTP 421 4.7.0 smtp.northwind.example: Try again later (attempt 8 of 8)" : null))
                .orElse(null);
        return new AdminOutboxView(all, page, new Pagination(null, "/ui-preview/admin/outbox?page=" + (page + 1)), detail);
    }

    static AcceptInvitationView invitation(AcceptInvitationView.Mode mode, boolean errors) {
        FormErrors formErrors = errors
                ? fieldErrors("displayName", "Enter your name as your colleagues know it.",
                        "password", "Use at least 10 characters; this one has 6.")
                : FormErrors.none();
        return new AcceptInvitationView("inv-token-3f9a", "Northwind Dental Group", "manager", "Maya Chen",
                "sam.lee@northwind.example", mode, null, formErrors);
    }

    /** Field errors in the order given, as the error summary lists them in form order. */
    static FormErrors fieldErrors(String... fieldThenMessage) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldThenMessage.length; i += 2) {
            fields.put(fieldThenMessage[i], fieldThenMessage[i + 1]);
        }
        return FormErrors.of(fields);
    }

    private static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }
}
