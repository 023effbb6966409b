package dev.switchboard.calls.internal;

import dev.switchboard.calls.internal.api.CallAnalysis;
import dev.switchboard.calls.internal.api.CallRecordings;
import dev.switchboard.calls.internal.api.CallSearch;
import dev.switchboard.calls.internal.api.CallService;
import dev.switchboard.calls.internal.api.RecordingStream;
import dev.switchboard.calls.internal.api.TranscriptText;
import dev.switchboard.calls.internal.web.CallView;
import dev.switchboard.calls.internal.web.CallsView;
import dev.switchboard.calls.internal.web.NewCallView;
import dev.switchboard.calls.internal.web.PageLinks;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.Nav;
import dev.switchboard.web.SelectOption;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The Calls pages: the list (filters, date range, sort, export), one call (transcript, recording,
 * details, timeline; sharing and deleting its recording) and the "New call" form. An id of another
 * organization's call is "not found".
 */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class CallPagesController {

    private static final int PAGE_SIZE = 25;
    private static final String LIST = "/calls";
    private static final List<String> TABS = List.of("transcript", "recording", "details", "timeline");

    private final Pages pages;
    private final CallService calls;
    private final CallRecordings recordings;
    private final RecordingStream stream;

    CallPagesController(Pages pages, CallService calls, CallRecordings recordings, RecordingStream stream) {
        this.pages = pages;
        this.calls = calls;
        this.recordings = recordings;
        this.stream = stream;
    }

    // ── list ────────────────────────────────────────────────────────────────────────────────

    @GetMapping("/calls")
    String list(CallsView.Filter filter, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String cursor, @RequestParam(required = false) String back, Model model) {
        CallSearch.Sort order = sortOf(sort);
        Map<UUID, String> agents = calls.agentNames();
        Map<String, String> query = query(filter, order);
        String current = blank(cursor) ? null : cursor;
        CursorPage<CallService.Call> found = CursorPage.of(List.of(), PAGE_SIZE, c -> null);
        String filterError = null;
        try {
            found = listOrRestart(filters(filter), order, current);
            if (found == null) {
                current = null;
                back = null;
                found = calls.list(filters(filter), order, PAGE_SIZE, null);
            }
        } catch (ApiProblem problem) {
            if (problem.status().value() != 422 && problem.status().value() != 400) {
                throw problem;
            }
            filterError = problem.errors().isEmpty() ? problem.detail()
                    : capitalize(problem.errors().getFirst().field()) + " " + problem.errors().getFirst().message();
        }
        List<CallsView.Row> rows = found.items().stream().map(c -> row(c, agents)).toList();
        model.addAttribute("page", pages.context("Calls", Nav.CALLS));
        model.addAttribute("view", new CallsView(rows, filter, options(agents), order.code(), sortLinks(query, order),
                PageLinks.pagination(LIST, query, current, back, found.nextCursor()),
                PageLinks.href("/api/v1/calls/export.csv", query), PageLinks.href(LIST, withCursor(query, current, back)),
                filterError, Actors.require().can(Permission.CAMPAIGNS_RUN)));
        return "app/calls";
    }

    /** The page, or null when the cursor no longer reads (another sort, or tampered): the list starts again. */
    private CursorPage<CallService.Call> listOrRestart(CallSearch.Filters filters, CallSearch.Sort order, String cursor) {
        try {
            return calls.list(filters, order, PAGE_SIZE, cursor);
        } catch (ApiProblem problem) {
            if (cursor == null || problem.status().value() != 400) {
                throw problem;
            }
            return null;
        }
    }

    // ── one call ────────────────────────────────────────────────────────────────────────────

    @GetMapping("/calls/{id}")
    String call(@PathVariable UUID id, @RequestParam(required = false) String tab, Model model) {
        CallService.Call call = calls.find(id);
        Map<UUID, String> agents = calls.agentNames();
        CallAnalysis analysis = CallAnalysis.of(call.analysis());
        CallView.Details details = new CallView.Details(call.id().toString(), call.direction(), call.status(),
                call.disposition(), call.fromNumber(), call.toNumber(), call.contactName(), call.crmId(),
                call.agentId() == null ? null : call.agentId().toString(), call.agentId() == null ? null : agents.get(call.agentId()),
                call.campaignId() == null ? null : call.campaignId().toString(), call.provider(), call.providerCallId(),
                call.createdAt(), call.startedAt(), call.endedAt(), call.durationSeconds(), call.costCents(),
                call.disconnectionReason(), analysis.summary(), analysis.sentiment(), analysis.successful(), call.needsReview());
        List<CallView.Event> timeline = call.timeline().stream()
                .map(e -> new CallView.Event(e.eventType(), e.occurredAt(), e.receivedAt())).toList();
        Instant until = instant(model.getAttribute("sharedUntil"));
        model.addAttribute("page", pages.context(title(call), Nav.CALLS));
        model.addAttribute("tab", tab != null && TABS.contains(tab) ? tab : "transcript");
        model.addAttribute("view", new CallView(details, turns(call.transcriptTurns()), call.transcript(), recording(call),
                timeline, (String) model.getAttribute("sharedLink"), until,
                Actors.require().can(Permission.RECORDINGS_DELETE)));
        return "app/call";
    }

    /** The recording, played through this server (the page's player may only load media from here). */
    @GetMapping("/calls/{id}/recording")
    void play(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        stream.copy(recordings.requirePlayable(id), request, response);
    }

    @PostMapping("/calls/{id}/recording/share")
    String share(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            CallRecordings.Shared shared = recordings.share(id);
            redirect.addFlashAttribute("sharedLink",
                    ServletUriComponentsBuilder.fromCurrentContextPath().path(shared.path()).toUriString());
            // Flash attributes travel in a cookie as text.
            redirect.addFlashAttribute("sharedUntil", shared.expiresAt().toString());
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/calls/" + id + "?tab=recording";
    }

    @PostMapping("/calls/{id}/recording/delete")
    String deleteRecording(@PathVariable UUID id, RedirectAttributes redirect) {
        Actors.requirePermission(Permission.RECORDINGS_DELETE);
        try {
            recordings.delete(id);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The recording is deleted; links shared to it no longer work.");
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/calls/" + id + "?tab=recording";
    }

    // ── new call ────────────────────────────────────────────────────────────────────────────

    @GetMapping("/calls/new")
    String newCall(Model model) {
        Actors.requirePermission(Permission.CAMPAIGNS_RUN);
        return newCallForm(model, new NewCallView("", "", List.of(), agentOptions(), FormErrors.none()));
    }

    @PostMapping("/calls/new")
    String placeCall(@RequestParam(required = false) String to, @RequestParam(required = false) String agentId,
                     @RequestParam(required = false) List<String> variableName,
                     @RequestParam(required = false) List<String> variableValue,
                     HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Actors.requirePermission(Permission.CAMPAIGNS_RUN);
        List<NewCallView.Variable> rows = variableRows(variableName, variableValue);
        NewCallView typed = new NewCallView(to, agentId, rows, agentOptions(), FormErrors.none());
        Map<String, String> variables = new LinkedHashMap<>();
        for (NewCallView.Variable row : rows) {
            if (!row.name().isBlank()) {
                variables.put(row.name().strip(), row.value());
            } else if (!row.value().isBlank()) {
                return invalid(model, response, typed, FormErrors.of(Map.of("variables",
                        "Each value needs a variable name, such as first_name.")));
            }
        }
        UUID agent;
        try {
            agent = blank(agentId) ? null : UUID.fromString(agentId.strip());
        } catch (IllegalArgumentException notAnId) {
            return invalid(model, response, typed, FormErrors.of(Map.of("agentId", "Choose an agent from the list.")));
        }
        try {
            CallService.Call call = calls.start(new CallService.StartCall(to, agent, variables));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "Calling " + call.toNumber() + ".");
            return "redirect:/calls/" + call.id();
        } catch (ApiProblem problem) {
            if (problem.status().value() == 401 || problem.status().value() == 403) {
                throw problem;
            }
            return invalid(model, response, typed, formErrors(problem));
        } catch (ProviderException e) {
            response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
            return newCallForm(model, withErrors(typed, FormErrors.summary(
                    "The voice provider did not start the call: " + e.getMessage())));
        }
    }

    // ── helpers ─────────────────────────────────────────────────────────────────────────────

    private String invalid(Model model, HttpServletResponse response, NewCallView typed, FormErrors errors) {
        response.setStatus(422);
        return newCallForm(model, withErrors(typed, errors));
    }

    private String newCallForm(Model model, NewCallView view) {
        model.addAttribute("page", pages.context("New call", Nav.CALLS));
        model.addAttribute("view", view);
        return "app/new-call";
    }

    private static NewCallView withErrors(NewCallView view, FormErrors errors) {
        return new NewCallView(view.to(), view.agentId(), view.variables(), view.agents(), errors);
    }

    private static FormErrors formErrors(ApiProblem problem) {
        if (problem.errors().isEmpty()) {
            return FormErrors.summary(problem.detail());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        problem.errors().forEach(e -> fields.merge(e.field(), capitalize(e.message()), (a, b) -> a + "; " + b));
        return FormErrors.of(fields);
    }

    private static List<NewCallView.Variable> variableRows(List<String> names, List<String> values) {
        List<NewCallView.Variable> rows = new ArrayList<>();
        int count = Math.max(names == null ? 0 : names.size(), values == null ? 0 : values.size());
        for (int i = 0; i < count; i++) {
            String name = names != null && i < names.size() && names.get(i) != null ? names.get(i) : "";
            String value = values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
            if (!name.isBlank() || !value.isBlank()) {
                rows.add(new NewCallView.Variable(name, value));
            }
        }
        return rows;
    }

    private List<SelectOption> agentOptions() {
        return calls.agentNames().entrySet().stream().map(e -> new SelectOption(e.getKey().toString(), e.getValue())).toList();
    }

    private static CallSearch.Filters filters(CallsView.Filter f) {
        return new CallSearch.Filters(f.status(), f.disposition(), f.direction(), uuid(f.agentId()), uuid(f.campaignId()), f.from(), f.to(),
                f.sentiment(), blank(f.successful()) ? null : Boolean.valueOf("yes".equals(f.successful())), f.q());
    }

    private static CallSearch.Sort sortOf(String sort) {
        try {
            return CallSearch.Sort.of(sort);
        } catch (ApiProblem unknown) {
            return CallSearch.Sort.NEWEST;
        }
    }

    private static Map<String, String> query(CallsView.Filter f, CallSearch.Sort sort) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", f.q());
        query.put("status", f.status());
        query.put("disposition", f.disposition());
        query.put("direction", f.direction());
        query.put("agentId", f.agentId());
        query.put("campaignId", f.campaignId());
        query.put("from", f.from());
        query.put("to", f.to());
        query.put("sentiment", f.sentiment());
        query.put("successful", blank(f.successful()) ? null : String.valueOf("yes".equals(f.successful())));
        query.put("sort", sort == CallSearch.Sort.NEWEST ? null : sort.code());
        return query;
    }

    private static Map<String, String> withCursor(Map<String, String> query, String cursor, String back) {
        Map<String, String> withCursor = new LinkedHashMap<>(query);
        withCursor.put("cursor", cursor);
        withCursor.put("back", cursor == null ? null : back);
        return withCursor;
    }

    private static CallsView.SortLinks sortLinks(Map<String, String> query, CallSearch.Sort current) {
        return new CallsView.SortLinks(
                sortHref(query, current == CallSearch.Sort.NEWEST ? CallSearch.Sort.OLDEST : CallSearch.Sort.NEWEST),
                sortHref(query, current == CallSearch.Sort.LONGEST ? CallSearch.Sort.SHORTEST : CallSearch.Sort.LONGEST),
                sortHref(query, current == CallSearch.Sort.DEAREST ? CallSearch.Sort.CHEAPEST : CallSearch.Sort.DEAREST));
    }

    private static String sortHref(Map<String, String> query, CallSearch.Sort sort) {
        Map<String, String> sorted = new LinkedHashMap<>(query);
        sorted.put("sort", sort == CallSearch.Sort.NEWEST ? null : sort.code());
        return PageLinks.href(LIST, sorted);
    }

    private static CallsView.Options options(Map<UUID, String> agents) {
        return new CallsView.Options(labelled(List.of("pending", "queued", "dialing", "ringing", "in_progress", "analyzing",
                "completed", "failed", "cancelled")),
                labelled(List.of("answered", "voicemail", "no_answer", "busy", "failed", "invalid_number", "cancelled")),
                labelled(List.of("inbound", "outbound")),
                agents.entrySet().stream().map(e -> new SelectOption(e.getKey().toString(), e.getValue())).toList(),
                labelled(List.of("positive", "neutral", "negative", "unknown")),
                List.of(new SelectOption("yes", "Successful"), new SelectOption("no", "Not successful")));
    }

    private static List<SelectOption> labelled(Collection<String> values) {
        return values.stream().map(v -> new SelectOption(v, capitalize(v.replace('_', ' ')))).toList();
    }

    private static CallsView.Row row(CallService.Call c, Map<UUID, String> agents) {
        return new CallsView.Row(c.id().toString(), c.createdAt(), c.direction(), c.fromNumber(), c.toNumber(),
                c.contactName(), c.agentId() == null ? null : agents.get(c.agentId()), c.status(), c.disposition(),
                c.durationSeconds(), c.costCents(), CallAnalysis.of(c.analysis()).sentiment());
    }

    private static List<CallView.Turn> turns(JsonNode turns) {
        List<CallView.Turn> out = new ArrayList<>();
        if (turns == null || !turns.isArray()) {
            return out;
        }
        for (JsonNode turn : turns) {
            String role = turn.path("speaker").asString("");
            JsonNode start = turn.get("start");
            out.add(new CallView.Turn(TranscriptText.speaker(role), "agent".equalsIgnoreCase(role),
                    start != null && start.isNumber() ? TranscriptText.clock((int) Math.floor(start.asDouble())) : null,
                    turn.path("text").asString("")));
        }
        return out;
    }

    private static CallView.Recording recording(CallService.Call call) {
        if (call.recordingDeletedAt() != null) {
            return new CallView.Recording("deleted", null, call.recordingDeletedAt());
        }
        if (call.recordingUrl() != null) {
            return new CallView.Recording("available", "/calls/" + call.id() + "/recording", null);
        }
        boolean mayStillCome = !"failed".equals(call.status()) && !"cancelled".equals(call.status())
                && (call.disposition() == null || "answered".equals(call.disposition()));
        return new CallView.Recording(mayStillCome ? "pending" : "none", null, null);
    }

    private static String title(CallService.Call call) {
        String other = "inbound".equals(call.direction()) ? call.fromNumber() : call.toNumber();
        return "Call " + (other == null ? call.id().toString().substring(0, 8) : (
                "inbound".equals(call.direction()) ? "from " : "to ") + other);
    }

    private static void flashOrThrow(ApiProblem problem, RedirectAttributes redirect) {
        int status = problem.status().value();
        if (status == 401 || status == 403 || status == 404) {
            throw problem;
        }
        redirect.addFlashAttribute(Pages.FLASH_DANGER, problem.detail());
    }

    private static Instant instant(Object text) {
        try {
            return text instanceof String s ? Instant.parse(s) : null;
        } catch (java.time.format.DateTimeParseException notATime) {
            return null;
        }
    }

    private static UUID uuid(String value) {
        try {
            return blank(value) ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String capitalize(String text) {
        return text == null || text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
