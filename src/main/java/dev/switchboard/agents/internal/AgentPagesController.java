package dev.switchboard.agents.internal;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.agents.internal.catalog.AgentService;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Pages;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.web.AgentEditorView;
import dev.switchboard.web.AgentsView;
import dev.switchboard.web.FormErrors;
import dev.switchboard.web.Nav;
import dev.switchboard.web.Pagination;
import dev.switchboard.web.SelectOption;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Agents pages: the list, and the editor of one agent (create, change, delete, retry its
 * sync). The service decides what each role may do; viewers get the editor read-only. An id of
 * another organization's agent is "not found".
 */
@Controller
@RequiresPermission(Permission.ORGANIZATION_READ)
class AgentPagesController {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int PAGE_SIZE = 25;
    private static final int MAX_BACK = 20;
    private static final List<SelectOption> TYPES = options("appointment", "custom", "sales", "support", "survey");
    private static final List<SelectOption> STATUSES = options("draft", "active", "inactive");
    private static final Set<String> SORTS = Set.of("name", "-name", "updatedAt", "-updatedAt");
    private static final String NEW_AGENT_PROMPT = "";

    private final Pages pages;
    private final AgentService agents;
    private final VoiceAgentProviders providers;
    private final ProviderAccounts accounts;

    AgentPagesController(Pages pages, AgentService agents, VoiceAgentProviders providers, ProviderAccounts accounts) {
        this.pages = pages;
        this.agents = agents;
        this.providers = providers;
        this.accounts = accounts;
    }

    // ── list ────────────────────────────────────────────────────────────────────────────────

    @GetMapping("/agents")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String cursor, @RequestParam(required = false) String back, Model model) {
        String order = sort != null && SORTS.contains(sort) ? sort : "-updatedAt";
        String statusFilter = pick(status, STATUSES);
        String typeFilter = pick(type, TYPES);
        String query = q == null || q.isBlank() ? null : q.trim();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", statusFilter);
        filters.put("type", typeFilter);
        filters.put("q", query);
        filters.put("sort", "-updatedAt".equals(order) ? null : order);
        String current = cursor == null || cursor.isBlank() ? null : cursor;
        CursorPage<AgentService.Agent> found;
        try {
            found = agents.list(statusFilter, typeFilter, query, order, PAGE_SIZE, current);
        } catch (ApiProblem problem) {
            if (current == null || problem.status().value() != 400) {
                throw problem;
            }
            // A cursor that no longer reads (or belongs to another sort) starts the list again.
            current = null;
            back = null;
            found = agents.list(statusFilter, typeFilter, query, order, PAGE_SIZE, null);
        }
        List<AgentsView.Row> rows = found.items().stream()
                .map(a -> new AgentsView.Row(a.id().toString(), a.name(), a.type(), a.status(), a.sync().status(),
                        a.sync().error(), a.updatedAt()))
                .toList();
        Map<String, String> byName = new LinkedHashMap<>(filters);
        byName.put("sort", "name".equals(order) ? "-name" : "name");
        Map<String, String> byUpdate = new LinkedHashMap<>(filters);
        byUpdate.put("sort", "-updatedAt".equals(order) ? "updatedAt" : null);
        model.addAttribute("page", pages.context("Agents", Nav.AGENTS));
        model.addAttribute("view", new AgentsView(rows, new AgentsView.Filter(statusFilter, typeFilter, query, order),
                STATUSES, TYPES, new AgentsView.SortLinks(link("/agents", byName), link("/agents", byUpdate)),
                pagination(filters, current, back, found.nextCursor()), Actors.require().can(Permission.AGENTS_MANAGE)));
        return "app/agents";
    }

    // ── editor ──────────────────────────────────────────────────────────────────────────────

    @GetMapping("/agents/new")
    String create(Model model) {
        Actors.requirePermission(Permission.AGENTS_MANAGE);
        AgentEditorView.Form form = new AgentEditorView.Form("", "custom", "draft", null, "en-US", "", NEW_AGENT_PROMPT,
                "[]", "");
        return editor(model, null, form, null, FormErrors.none());
    }

    @PostMapping("/agents/new")
    String saveNew(AgentForm input, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AgentEditorView.Form form = input.form();
        try {
            AgentService.Agent agent = agents.create(input(input));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The agent " + agent.name()
                    + " is created; it is being synced with the voice provider.");
            return "redirect:/agents/" + agent.id();
        } catch (ApiProblem problem) {
            formOrThrow(problem, response);
            return editor(model, null, form, null, errors(problem));
        }
    }

    @GetMapping("/agents/{id}")
    String edit(@PathVariable UUID id, Model model) {
        AgentService.Agent agent = agents.find(id);
        return editor(model, agent.id().toString(), form(agent), agent.sync(), FormErrors.none());
    }

    @PostMapping("/agents/{id}")
    String save(@PathVariable UUID id, AgentForm input, HttpServletResponse response, Model model,
                RedirectAttributes redirect) {
        AgentService.Agent current = agents.find(id);
        try {
            AgentService.Agent agent = agents.update(id, input(input));
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The agent " + agent.name() + " is saved.");
            return "redirect:/agents/" + agent.id();
        } catch (ApiProblem problem) {
            formOrThrow(problem, response);
            return editor(model, id.toString(), input.form(), current.sync(), errors(problem));
        }
    }

    @PostMapping("/agents/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        AgentService.Agent agent = agents.find(id);
        try {
            agents.delete(id);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The agent " + agent.name() + " is deleted.");
            return "redirect:/agents";
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
            return "redirect:/agents/" + id;
        }
    }

    @PostMapping("/agents/{id}/sync")
    String resync(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            agents.resync(id);
            redirect.addFlashAttribute(Pages.FLASH_SUCCESS, "The agent is being synced again.");
        } catch (ApiProblem problem) {
            flashOrThrow(problem, redirect);
        }
        return "redirect:/agents/" + id;
    }

    /** The variables of the prompt being typed (htmx, from the editor), as a fragment. */
    @PostMapping("/agents/variables")
    String variables(@RequestParam(required = false) String promptTemplate, Model model) {
        model.addAttribute("variables", variables(promptTemplate));
        return "app/agent-variables";
    }

    /** The editor's fields as posted. */
    record AgentForm(String name, String type, String status, String voiceId, String language, String beginMessage,
                     String promptTemplate, String tools, String conversationFlow) {

        AgentEditorView.Form form() {
            return new AgentEditorView.Form(name, type, status, voiceId, language, beginMessage, promptTemplate, tools,
                    conversationFlow);
        }
    }

    private AgentService.AgentInput input(AgentForm form) {
        ApiProblem problem = ApiProblem.validation("The agent is not valid; correct the fields listed.");
        JsonNode tools = json("tools", form.tools(), problem);
        JsonNode flow = json("conversationFlow", form.conversationFlow(), problem);
        if (!problem.errors().isEmpty()) {
            throw problem;
        }
        return new AgentService.AgentInput(form.name(), form.type(), form.status(), form.promptTemplate(),
                form.beginMessage(), form.voiceId(), form.language(), flow, tools);
    }

    private static JsonNode json(String field, String text, ApiProblem problem) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            problem.field(field, "is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private String editor(Model model, String id, AgentEditorView.Form form, AgentService.Sync sync, FormErrors errors) {
        boolean canManage = Actors.require().can(Permission.AGENTS_MANAGE);
        List<SelectOption> voices = new ArrayList<>();
        String voicesError = null;
        if (canManage) {
            try {
                ProviderAccount account = accounts.voiceAccount();
                for (VoiceAgentProvider.Voice voice : providers.forAccount(account).listVoices(account)) {
                    voices.add(new SelectOption(voice.id(), voiceLabel(voice)));
                }
            } catch (RuntimeException e) {
                voicesError = "The voice provider could not be reached to list its voices ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "). Type the provider's voice id instead.";
            }
        }
        if (form.voiceId() != null && !form.voiceId().isBlank()
                && voices.stream().noneMatch(v -> v.value().equals(form.voiceId()))) {
            voices.add(new SelectOption(form.voiceId(), form.voiceId()));
        }
        AgentEditorView.Sync syncView = sync == null ? null
                : new AgentEditorView.Sync(sync.status(), sync.provider(), sync.providerAgentId(), sync.error(), sync.syncedAt());
        String title = id == null ? "New agent" : (form.name() == null || form.name().isBlank() ? "Agent" : form.name());
        model.addAttribute("page", pages.context(title, Nav.AGENTS));
        model.addAttribute("view", new AgentEditorView(id, form, TYPES, STATUSES, voices, voicesError,
                variables(form.promptTemplate(), form.beginMessage()), syncView, canManage, errors));
        return "app/agent";
    }

    private AgentEditorView.Variables variables(String... texts) {
        List<String> all = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        String[] fields = {"promptTemplate", "beginMessage"};
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> preview = agents.preview(text, Map.of());
                addNew(all, (Collection<?>) preview.get("variables"));
                addNew(unknown, (Collection<?>) preview.get("unknownVariables"));
            } catch (ApiProblem problem) {
                String message = problem.errors().isEmpty() ? problem.detail() : problem.errors().getFirst().message();
                return new AgentEditorView.Variables(all, unknown, (i == 0 ? "Prompt: " : "Begin message: ") + message);
            }
        }
        return new AgentEditorView.Variables(all, unknown, null);
    }

    private static void addNew(List<String> into, Collection<?> values) {
        if (values != null) {
            values.stream().map(String::valueOf).filter(v -> !into.contains(v)).forEach(into::add);
        }
    }

    private static AgentEditorView.Form form(AgentService.Agent agent) {
        return new AgentEditorView.Form(agent.name(), agent.type(), agent.status(), agent.voiceId(), agent.language(),
                agent.beginMessage(), agent.promptTemplate(),
                agent.tools() == null ? "[]" : JSON.writeValueAsString(agent.tools()),
                agent.conversationFlow() == null || agent.conversationFlow().isNull() ? ""
                        : JSON.writeValueAsString(agent.conversationFlow()));
    }

    private static String voiceLabel(VoiceAgentProvider.Voice voice) {
        StringBuilder label = new StringBuilder(voice.name() == null ? voice.id() : voice.name());
        List<String> details = new ArrayList<>();
        if (voice.gender() != null) {
            details.add(voice.gender());
        }
        if (voice.accent() != null) {
            details.add(voice.accent());
        }
        if (voice.provider() != null) {
            details.add(voice.provider());
        }
        if (!details.isEmpty()) {
            label.append(" (").append(String.join(", ", details)).append(')');
        }
        return label.toString();
    }

    // ── helpers ─────────────────────────────────────────────────────────────────────────────

    /** The service's problem as form errors; nested fields ({@code tools[0].url}) keep their path in the message. */
    private static FormErrors errors(ApiProblem problem) {
        if (problem.errors().isEmpty()) {
            return FormErrors.summary(problem.detail());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (ApiProblem.FieldError error : problem.errors()) {
            String field = error.field();
            boolean nested = field.contains(".") || field.contains("[");
            String message = nested ? field + " " + error.message() : capitalize(error.message());
            fields.merge(field, message, (a, b) -> a + "; " + b);
        }
        return new FormErrors("validation".equals(problem.slug()) ? null : problem.detail(), fields);
    }

    private static void formOrThrow(ApiProblem problem, HttpServletResponse response) {
        int status = problem.status().value();
        if (status == 401 || status == 403 || status == 404) {
            throw problem;
        }
        response.setStatus(status);
    }

    private static void flashOrThrow(ApiProblem problem, RedirectAttributes redirect) {
        int status = problem.status().value();
        if (status == 401 || status == 403 || status == 404) {
            throw problem;
        }
        redirect.addFlashAttribute(Pages.FLASH_DANGER, problem.detail());
    }

    private static Pagination pagination(Map<String, String> filters, String cursor, String back, String next) {
        List<String> steps = back == null || back.isBlank() ? List.of()
                : Arrays.stream(back.split("\\.")).filter(s -> !s.isBlank()).toList();
        String newer = null;
        if (cursor != null) {
            newer = steps.isEmpty() ? href(filters, null, List.of())
                    : href(filters, steps.getLast(), steps.subList(0, steps.size() - 1));
        }
        String older = null;
        if (next != null) {
            List<String> trail = new ArrayList<>(steps);
            if (cursor != null) {
                trail.add(cursor);
            }
            older = href(filters, next, trail.subList(Math.max(0, trail.size() - MAX_BACK), trail.size()));
        }
        return new Pagination(newer, older);
    }

    private static String href(Map<String, String> filters, String cursor, List<String> steps) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("cursor", cursor);
        query.put("back", steps.isEmpty() ? null : String.join(".", steps));
        return link("/agents", query);
    }

    private static String link(String path, Map<String, String> query) {
        StringBuilder href = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            if (parameter.getValue() != null && !parameter.getValue().isBlank()) {
                href.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return href.toString();
    }

    private static String pick(String value, List<SelectOption> options) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return options.stream().anyMatch(o -> o.value().equals(v)) ? v : null;
    }

    private static List<SelectOption> options(String... values) {
        return Arrays.stream(values).map(v -> new SelectOption(v, capitalize(v))).toList();
    }

    private static String capitalize(String text) {
        return text == null || text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
