package dev.switchboard.agents.internal.vapi;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.internal.tools.ToolRegistrations;
import dev.switchboard.platform.ProviderClient;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.telephony.ProviderException.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi ({@code https://api.vapi.ai}) behind the {@link VoiceAgentProvider} port. An agent is a
 * Vapi assistant whose system prompt, voice and tools Switchboard owns; tools are registered
 * once per Vapi account and linked by {@code model.toolIds}; Vapi identifies phone numbers by
 * its own ids, so E.164 numbers are looked up in {@code GET /phone-number} first.
 *
 * <p>Account settings read here: {@code model} and {@code modelProvider} (the LLM, default
 * {@code gpt-4o} from {@code openai}); {@code serverCredentialId} (a Vapi credential, such as an
 * HMAC one, that signs server messages) or else {@code serverSecret} (sent by Vapi as
 * {@code x-vapi-secret}); {@code concurrencyLimit} (default 10, Vapi's documented default);
 * {@code twilioAccountSid} and {@code twilioAuthToken} for importing Twilio numbers.
 *
 * <p>Vapi has no batch object: a batch is one {@code POST /call} with {@code customers[]} (one
 * per distinct agent), and its id here is the comma-separated list of the calls Vapi created.
 * What Vapi cannot express is not sent: a batch's reserved concurrency, calling hours beyond
 * their first window (see {@link CallingWindows}), and a number's outbound agent (a Vapi number
 * has one assistant; calls name theirs and fall back to it).
 */
@Component
class VapiVoiceAgentProvider implements VoiceAgentProvider {

    private static final Logger log = LoggerFactory.getLogger(VapiVoiceAgentProvider.class);
    static final String ID = "vapi";
    private static final int DEFAULT_CONCURRENCY = 10;
    // Vapi refuses names longer than this on assistants, calls and phone numbers.
    private static final int LONGEST_NAME = 40;
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> ACTIVE = Set.of("queued", "ringing", "in-progress", "forwarding");
    private static final int IDS_PER_LOOKUP = 100;
    private static final List<String> VAPI_VOICES = List.of("Elliot", "Kylie", "Rohan", "Lily", "Savannah", "Hana",
            "Neha", "Cole", "Harry", "Paige", "Spencer", "Leah", "Tara", "Jess", "Leo", "Dan", "Mia", "Zac", "Zoe",
            "Clara", "Godfrey", "Layla", "Sid", "Gustavo", "Nico", "Kai", "Emma", "Sagar", "Neil", "Naina");

    private final VapiApi api;
    private final ToolRegistrations tools;
    private final Clock clock;

    VapiVoiceAgentProvider(ProviderClient.Factory clients, ToolRegistrations tools, Clock clock,
                           @Value("${switchboard.providers.vapi.timeout:15s}") Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("switchboard.providers.vapi.timeout must be positive, but was " + timeout);
        }
        this.api = new VapiApi(clients, JsonMapper.builder().build(), timeout);
        this.tools = tools;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Capability> capabilities() {
        // Vapi has no batch object (its customers[] calls cannot be scheduled nor windowed as one),
        // so campaigns on Vapi use Switchboard's pacer.
        return EnumSet.of(Capability.TOOLS, Capability.VOICES, Capability.PHONE_NUMBERS, Capability.CALL_LISTING);
    }

    // Agents

    @Override
    public ProviderAgent upsertAgent(ProviderAccount account, AgentSpec agent) {
        List<String> toolIds = agent.tools().stream().map(tool -> registerTool(account, tool)).toList();
        VapiRequests.Assistant assistant = assistant(account, agent, toolIds);
        if (agent.providerAgentId() != null && !agent.providerAgentId().isBlank()) {
            Optional<JsonNode> updated = api.sendIfExists(account, "PATCH", "/assistant/" + path(agent.providerAgentId()),
                    assistant, true, "update the agent");
            if (updated.isPresent()) {
                return new ProviderAgent(agent.providerAgentId(), null);
            }
            // Deleted in the Vapi dashboard: the user still wants the agent, so it is made again.
            log.warn("Vapi assistant {} no longer exists; creating the agent again", agent.providerAgentId());
        }
        JsonNode created = api.send(account, "POST", "/assistant", assistant, false, "create the agent");
        return new ProviderAgent(required(created, "id", "create the agent"), null);
    }

    @Override
    public void deleteAgent(ProviderAccount account, ProviderAgent agent) {
        if (agent == null || agent.agentId() == null) {
            return;
        }
        // Tools are shared by every agent on the account, so they stay.
        api.delete(account, "/assistant/" + path(agent.agentId()), "delete the agent");
    }

    private VapiRequests.Assistant assistant(ProviderAccount account, AgentSpec agent, List<String> toolIds) {
        List<VapiRequests.Message> messages = agent.prompt() == null || agent.prompt().isBlank() ? null
                : List.of(new VapiRequests.Message("system", agent.prompt()));
        VapiRequests.Model model = new VapiRequests.Model(setting(account, "modelProvider", "openai"),
                setting(account, "model", "gpt-4o"), messages, toolIds);
        boolean speaksFirst = agent.beginMessage() != null && !agent.beginMessage().isBlank();
        VapiRequests.Transcriber transcriber = agent.language() == null || agent.language().isBlank() ? null
                : new VapiRequests.Transcriber("deepgram", agent.language());
        return new VapiRequests.Assistant(shortened(agent.name()), model, voice(agent.voiceId()), transcriber,
                speaksFirst ? agent.beginMessage() : null,
                speaksFirst ? "assistant-speaks-first" : "assistant-waits-for-user", server(account, agent.webhookUrl()));
    }

    /** {@code provider:voiceId} (such as {@code 11labs:abc123}) or one of Vapi's own voices. */
    private static VapiRequests.Voice voice(String voiceId) {
        if (voiceId == null || voiceId.isBlank()) {
            return null;
        }
        int colon = voiceId.indexOf(':');
        return colon > 0 ? new VapiRequests.Voice(voiceId.substring(0, colon), voiceId.substring(colon + 1))
                : new VapiRequests.Voice("vapi", voiceId);
    }

    private static VapiRequests.Server server(ProviderAccount account, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String credentialId = account.setting("serverCredentialId");
        if (credentialId != null && !credentialId.isBlank()) {
            return new VapiRequests.Server(url, credentialId, null);
        }
        String secret = account.setting("serverSecret");
        return new VapiRequests.Server(url, null, secret == null || secret.isBlank() ? null : Map.of("x-vapi-secret", secret));
    }

    private String registerTool(ProviderAccount account, ToolSpec tool) {
        if (tool.name() == null || !TOOL_NAME.matcher(tool.name()).matches()) {
            throw new ProviderException(ID, Kind.REJECTED, "The tool name '" + tool.name() + "' cannot be used with Vapi: "
                    + "use at most 64 letters, digits, underscores and dashes.", null, null);
        }
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        function.put("parameters", tool.parameters() == null || tool.parameters().isEmpty()
                ? Map.of("type", "object", "properties", Map.of()) : tool.parameters());
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("type", "function");
        definition.put("function", function);
        VapiRequests.Server server = server(account, tool.url());
        if (server != null) {
            definition.put("server", api.json().convertValue(server, Map.class));
        }
        String action = "register the tool " + tool.name();
        return tools.ensureRegistered(ID, account.apiKey(), tool.name(), definition,
                body -> required(api.send(account, "POST", "/tool", body, false, action), "id", action));
    }

    @Override
    public List<Voice> listVoices(ProviderAccount account) {
        // Vapi has no voice-listing endpoint; these are its own voices (VapiVoiceVoiceId). Voices of
        // other providers are chosen as "provider:voiceId".
        return VAPI_VOICES.stream().map(name -> new Voice(name, name, "vapi", null, null, null)).toList();
    }

    // Calls

    @Override
    public StartedCall startPhoneCall(ProviderAccount account, PhoneCallRequest request) {
        requireNumber(request.toNumber(), "destination");
        PhoneNumber from = number(account, request.fromNumber());
        String assistantId = agentFor(request.agentId(), from);
        VapiRequests.Call call = new VapiRequests.Call(null, assistantId, from.id(),
                new VapiRequests.Customer(request.toNumber(), null), null,
                VapiRequests.Overrides.of(request.dynamicVariables(), request.metadata()), null);
        JsonNode created = api.send(account, "POST", "/call", call, false, "place the call");
        return new StartedCall(required(created, "id", "place the call"), text(created, "status"));
    }

    @Override
    public StartedBatch startBatch(ProviderAccount account, BatchRequest request) {
        if (request.tasks().isEmpty()) {
            throw new ProviderException(ID, Kind.REJECTED, "The batch has no calls in it.", null, null);
        }
        PhoneNumber from = number(account, request.fromNumber());
        Instant start = request.triggerAt() == null ? clock.instant() : request.triggerAt();
        VapiRequests.SchedulePlan plan = null;
        Instant scheduledAt = start;
        if (request.callWindow() != null && !request.callWindow().windows().isEmpty()) {
            Instant[] range = CallingWindows.firstRange(request.callWindow(), start);
            plan = new VapiRequests.SchedulePlan(range[0].toString(), range[1].toString());
            scheduledAt = range[0];
        } else if (request.triggerAt() != null) {
            plan = new VapiRequests.SchedulePlan(start.toString(), null);
        }
        // Vapi takes one assistant per request, so tasks are grouped by their agent.
        Map<String, List<BatchTask>> byAgent = new LinkedHashMap<>();
        for (BatchTask task : request.tasks()) {
            requireNumber(task.toNumber(), "destination");
            byAgent.computeIfAbsent(agentFor(task.agentId(), from), agent -> new ArrayList<>()).add(task);
        }
        List<String> callIds = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Map.Entry<String, List<BatchTask>> group : byAgent.entrySet()) {
            List<VapiRequests.Customer> customers = group.getValue().stream()
                    .map(task -> new VapiRequests.Customer(task.toNumber(),
                            VapiRequests.Overrides.of(task.dynamicVariables(), null)))
                    .toList();
            JsonNode answer = api.send(account, "POST", "/call", new VapiRequests.Call(shortened(request.name()),
                    group.getKey(), from.id(), null, customers, null, plan), false, "start the batch of calls");
            if (answer.has("results")) {
                answer.path("results").forEach(call -> callIds.add(required(call, "id", "start the batch of calls")));
                answer.path("errors").forEach(error -> refusals.add(text(error, "error")));
            } else {
                callIds.add(required(answer, "id", "start the batch of calls"));
            }
        }
        if (callIds.isEmpty()) {
            throw new ProviderException(ID, Kind.REJECTED, "Vapi placed none of the calls in the batch"
                    + (refusals.isEmpty() ? "." : ": " + refusals.getFirst()), String.join("; ", refusals), null);
        }
        if (!refusals.isEmpty()) {
            // Numbers are personal data; the count is enough to notice.
            log.warn("Vapi refused {} of {} calls in batch '{}'", refusals.size(), request.tasks().size(), request.name());
        }
        return new StartedBatch(String.join(",", callIds), callIds.size(), scheduledAt);
    }

    @Override
    public BatchStatus inspectBatch(ProviderAccount account, String providerBatchId) {
        List<String> ids = batchCalls(providerBatchId);
        Map<String, String> statuses = statuses(account, ids);
        int completed = 0;
        int sent = 0;
        int scheduled = 0;
        for (String id : ids) {
            // A call Vapi no longer lists was deleted (cancelled) and will not be placed.
            String status = statuses.getOrDefault(id, "ended");
            switch (status) {
                case "ended", "not-found", "deletion-failed" -> {
                    completed++;
                    sent++;
                }
                case "scheduled", "queued" -> scheduled++;
                default -> sent++;
            }
        }
        String overall = completed == ids.size() ? "completed" : scheduled == ids.size() ? "scheduled" : "in_progress";
        return new BatchStatus(providerBatchId, overall, ids.size(), sent, completed);
    }

    @Override
    public void cancelBatch(ProviderAccount account, String providerBatchId) {
        // Only calls still waiting for their schedule can be withdrawn; placed calls run to their end.
        statuses(account, batchCalls(providerBatchId)).forEach((id, status) -> {
            if ("scheduled".equals(status)) {
                api.delete(account, "/call/" + path(id), "cancel a scheduled call");
            }
        });
    }

    private Map<String, String> statuses(ProviderAccount account, List<String> ids) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_LOOKUP) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_LOOKUP));
            String query = chunk.stream().map(id -> "idAny=" + query(id)).collect(Collectors.joining("&"));
            JsonNode page = api.get(account, "/v2/call?" + query + "&limit=" + chunk.size(), "check the batch of calls");
            page.path("results").forEach(call -> statuses.put(text(call, "id"), text(call, "status")));
        }
        return statuses;
    }

    private static List<String> batchCalls(String providerBatchId) {
        if (providerBatchId == null || providerBatchId.isBlank()) {
            throw new ProviderException(ID, Kind.NOT_FOUND, "The batch has no Vapi calls recorded.", null, null);
        }
        return List.of(providerBatchId.split(","));
    }

    @Override
    public Concurrency concurrency(ProviderAccount account) {
        int limit = DEFAULT_CONCURRENCY;
        String configured = account.setting("concurrencyLimit");
        if (configured != null && !configured.isBlank()) {
            try {
                limit = Integer.parseInt(configured.trim());
            } catch (NumberFormatException e) {
                throw new ProviderException(ID, Kind.REJECTED, "The Vapi concurrency limit '" + configured
                        + "' is not a whole number. Correct it in the provider settings.", null, e);
            }
        }
        // Vapi reports no live count; calls that started in the last two hours and have not ended
        // are the ones holding a line (Vapi ends calls after ten minutes unless told otherwise).
        JsonNode recent = api.get(account, "/call?createdAtGe=" + query(clock.instant().minus(Duration.ofHours(2)).toString())
                + "&limit=1000", "count the running calls");
        int current = 0;
        for (JsonNode call : recent) {
            if (ACTIVE.contains(text(call, "status"))) {
                current++;
            }
        }
        return new Concurrency(current, limit);
    }

    @Override
    public Optional<ProviderCall> getCall(ProviderAccount account, String providerCallId) {
        return api.find(account, "/call/" + path(providerCallId), "look up the call").map(call -> {
            String numberId = text(call, "phoneNumberId");
            Map<String, String> numbers = numberId == null ? Map.of() : numbersById(account);
            return providerCall(call, numbers);
        });
    }

    @Override
    public List<ProviderCall> listCalls(ProviderAccount account, Instant since, int limit) {
        JsonNode calls = api.get(account, "/call?createdAtGe=" + query(since.toString()) + "&limit=" + Math.max(1, limit),
                "list the calls");
        Map<String, String> numbers = numbersById(account);
        List<JsonNode> sorted = new ArrayList<>();
        calls.forEach(sorted::add);
        sorted.sort(Comparator.comparing((JsonNode call) -> String.valueOf(text(call, "createdAt"))).reversed());
        return sorted.stream().limit(Math.max(1, limit)).map(call -> providerCall(call, numbers)).toList();
    }

    private ProviderCall providerCall(JsonNode call, Map<String, String> numbersById) {
        String type = text(call, "type");
        boolean inbound = "inboundPhoneCall".equals(type);
        String direction = inbound ? "inbound" : "outboundPhoneCall".equals(type) ? "outbound" : type;
        String ours = numbersById.get(text(call, "phoneNumberId"));
        String customer = text(call.path("customer"), "number");
        return new ProviderCall(text(call, "id"), text(call, "assistantId"), text(call, "status"), direction,
                inbound ? customer : ours, inbound ? ours : customer, instant(text(call, "startedAt")),
                instant(text(call, "endedAt")), text(call, "endedReason"), null, call.toString());
    }

    // Phone numbers

    @Override
    public void importPhoneNumber(ProviderAccount account, String phoneNumber, String inboundAgentId,
                                  String outboundAgentId, String nickname) {
        requireNumber(phoneNumber, "phone");
        Optional<PhoneNumber> existing = findNumber(account, phoneNumber);
        if (existing.isPresent()) {
            // Importing twice is a request to update, not an error.
            api.send(account, "PATCH", "/phone-number/" + path(existing.get().id()), new VapiRequests.UpdateNumber(
                    existing.get().provider(), shortened(nickname), blankToNull(inboundAgentId)), true,
                    "update the phone number");
            return;
        }
        String sid = account.setting("twilioAccountSid");
        String token = account.setting("twilioAuthToken");
        if (sid == null || sid.isBlank() || token == null || token.isBlank()) {
            throw new ProviderException(ID, Kind.REJECTED, "To use " + phoneNumber + " with Vapi, Switchboard imports it "
                    + "from Twilio: add the Twilio account SID and auth token to the Vapi provider settings.", null, null);
        }
        api.send(account, "POST", "/phone-number", new VapiRequests.ImportTwilioNumber("twilio", phoneNumber, sid, token,
                shortened(nickname), blankToNull(inboundAgentId)), false, "import the phone number");
    }

    @Override
    public void updatePhoneNumber(ProviderAccount account, String phoneNumber, String inboundAgentId,
                                  String outboundAgentId) {
        // A Vapi number has one assistant, which answers it; outbound calls name their assistant
        // themselves (and fall back to this one), so there is no outbound agent to store.
        if (inboundAgentId == null) {
            return;
        }
        PhoneNumber number = number(account, phoneNumber);
        api.send(account, "PATCH", "/phone-number/" + path(number.id()),
                new VapiRequests.UpdateNumber(number.provider(), null, inboundAgentId), true, "update the phone number");
    }

    private record PhoneNumber(String id, String number, String provider, String assistantId) {
    }

    private List<PhoneNumber> numbers(ProviderAccount account) {
        List<PhoneNumber> numbers = new ArrayList<>();
        api.get(account, "/phone-number?limit=1000", "look up the account's phone numbers").forEach(node ->
                numbers.add(new PhoneNumber(text(node, "id"), text(node, "number"), text(node, "provider"),
                        text(node, "assistantId"))));
        return numbers;
    }

    private Map<String, String> numbersById(ProviderAccount account) {
        return numbers(account).stream().filter(number -> number.id() != null && number.number() != null)
                .collect(Collectors.toMap(PhoneNumber::id, PhoneNumber::number, (a, b) -> a));
    }

    private Optional<PhoneNumber> findNumber(ProviderAccount account, String e164) {
        String wanted = e164.trim();
        return numbers(account).stream().filter(number -> wanted.equals(number.number())).findFirst();
    }

    private PhoneNumber number(ProviderAccount account, String e164) {
        requireNumber(e164, "caller id");
        return findNumber(account, e164).orElseThrow(() -> new ProviderException(ID, Kind.FROM_NUMBER_NOT_REGISTERED,
                "The number " + e164.trim() + " is not in the Vapi account, so Vapi cannot call from it. Import it into "
                        + "Vapi first, or call from a number that is there.", null, null));
    }

    private static String agentFor(String agentId, PhoneNumber from) {
        if (agentId != null && !agentId.isBlank()) {
            return agentId;
        }
        if (from.assistantId() != null) {
            return from.assistantId();
        }
        throw new ProviderException(ID, Kind.MISSING_AGENT, "The number " + from.number() + " has no agent at Vapi and "
                + "the call names none. Choose an agent for the call, or assign one to the number.", null, null);
    }

    private static void requireNumber(String number, String what) {
        if (number == null || !number.trim().matches("\\+[1-9][0-9]{6,14}")) {
            throw new ProviderException(ID, Kind.INVALID_NUMBER, "The " + what + " number '" + (number == null ? "" : number)
                    + "' is not a phone number in international format, such as +14155550123.", null, null);
        }
    }

    // JSON and text helpers

    private static String required(JsonNode node, String field, String action) {
        String value = text(node, field);
        if (value == null) {
            throw new ProviderException(ID, Kind.UNAVAILABLE, "Vapi answered without the expected '" + field
                    + "' while trying to " + action + ". Try again later.", "missing " + field, null);
        }
        return value;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String setting(ProviderAccount account, String name, String fallback) {
        String value = account.setting(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String shortened(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim();
        return trimmed.length() <= LONGEST_NAME ? trimmed : trimmed.substring(0, LONGEST_NAME);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String path(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
