package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.SandboxSettings;
import dev.switchboard.sandbox.internal.conversation.Analysis;
import dev.switchboard.sandbox.internal.conversation.Conversation;
import dev.switchboard.sandbox.internal.conversation.ToolCaller;
import dev.switchboard.sandbox.internal.conversation.ToolOutcome;
import dev.switchboard.sandbox.internal.conversation.Transcript;
import dev.switchboard.sandbox.internal.faults.FaultPlan;
import dev.switchboard.sandbox.internal.http.Json;
import dev.switchboard.sandbox.internal.webhooks.WebhookSender;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated carrier and voice engine. It keeps each account within its concurrency limit
 * (calls wait in line; a batch leaves its {@code reserved_concurrency} free for other calls),
 * dials batch tasks only after {@code trigger_timestamp} and inside the calling window, walks
 * every call through its states on a timer scaled by {@code timeScale}, writes the transcript,
 * recording, cost and analysis, calls the agent's tool, and sends the call's webhooks in order.
 */
public final class CallCenter {

    private static final System.Logger LOG = System.getLogger(CallCenter.class.getName());
    /** Simulated time between a call's end and its analysis. */
    private static final long ANALYSIS_DELAY_MS = 3_000;
    private static final long TOOL_WAIT_SLACK_MS = 5_000;

    private final SandboxSettings settings;
    private final long seed;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final WebhookSender webhooks;
    private final ToolCaller tools;
    private final Accounts accounts;
    private final Supplier<String> publicUrl;
    private final Supplier<String> defaultWebhookUrl;

    public CallCenter(SandboxSettings settings, long seed, Clock clock, ScheduledExecutorService timer,
            ExecutorService workers, WebhookSender webhooks, ToolCaller tools, Accounts accounts,
            Supplier<String> publicUrl, Supplier<String> defaultWebhookUrl) {
        this.settings = settings;
        this.seed = seed;
        this.clock = clock;
        this.timer = timer;
        this.workers = workers;
        this.webhooks = webhooks;
        this.tools = tools;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.defaultWebhookUrl = defaultWebhookUrl;
    }

    /** A single call (create-phone-call); it is dialled at once when a line is free, else it waits. */
    public Call placeCall(Account account, String fromNumber, String toNumber, String agentId, ObjectNode agent,
            ObjectNode llm, Map<String, String> variables, JsonNode metadata) {
        Call call;
        synchronized (account) {
            call = newCall(account, fromNumber, toNumber, agentId, agent, llm, variables, metadata, null);
            account.waiting.add(call);
        }
        pump(account);
        return call;
    }

    /** A batch (create-batch-call); its tasks become calls as lines, the clock and the window allow. */
    public void placeBatch(Account account, BatchCall batch) {
        synchronized (account) {
            account.batches.put(batch.id(), batch);
        }
        pump(account);
    }

    /** Re-reads an account's queues, e.g. after its concurrency limit changed. */
    public void pump(Account account) {
        List<Call> toDial = new ArrayList<>();
        synchronized (account) {
            while (!account.waiting.isEmpty() && account.active < account.concurrencyLimit) {
                toDial.add(account.waiting.poll());
                account.active++;
            }
            long now = clock.millis();
            for (BatchCall batch : account.batches.values()) {
                if (!batch.hasWaitingTasks()) {
                    continue;
                }
                long eligible = batch.eligibleAt(now);
                if (eligible > now) {
                    wakeLater(account, batch, eligible, now);
                    continue;
                }
                int lines = account.concurrencyLimit - batch.reservedConcurrency;
                while (batch.hasWaitingTasks() && account.active < lines) {
                    BatchCall.Task task = batch.tasks.get(batch.dispatched++);
                    Call call = newCall(account, batch.fromNumber, task.toNumber(), task.agentId(), task.agent(),
                            task.llm(), task.variables(), task.metadata(), batch);
                    batch.calls.add(call);
                    batch.active++;
                    batch.peakActive = Math.max(batch.peakActive, batch.active);
                    account.active++;
                    toDial.add(call);
                }
            }
            account.peakActive = Math.max(account.peakActive, account.active);
        }
        toDial.forEach(this::dial);
    }

    private void wakeLater(Account account, BatchCall batch, long at, long now) {
        if (batch.wakeAt != 0 && batch.wakeAt <= at) {
            return;
        }
        batch.wakeAt = at;
        try {
            timer.schedule(() -> {
                synchronized (account) {
                    if (batch.wakeAt == at) {
                        batch.wakeAt = 0;
                    }
                }
                workers.execute(() -> pump(account));
            }, at - now + 5, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private Call newCall(Account account, String fromNumber, String toNumber, String agentId, ObjectNode agent,
            ObjectNode llm, Map<String, String> variables, JsonNode metadata, BatchCall batch) {
        long sequence = ++account.sequence;
        SplittableRandom random = new SplittableRandom(seed ^ account.seedBase() ^ (sequence * 0xBF58476D1CE4E5B9L));
        CallPlan plan = CallPlan.draw(toNumber, settings, random);
        Map<String, String> all = new LinkedHashMap<>(Json.stringMap(llm == null ? null
                : llm.get("default_dynamic_variables")));
        all.putAll(variables);
        Call call = new Call(Ids.call(), account, sequence, clock.millis(), fromNumber, toNumber, agentId, agent, llm,
                Map.copyOf(variables), Collections.unmodifiableMap(all), metadata, batch, plan);
        account.calls.put(call.id(), call);
        accounts.indexCall(call);
        for (Call forgotten : account.forgetOldestFinished(Account.KEPT_CALLS)) {
            accounts.forgetCall(forgotten);
        }
        return call;
    }

    private void dial(Call call) {
        after(call.plan.ringMs(), () -> pickUp(call));
    }

    private void pickUp(Call call) {
        Account account = call.account;
        Outcome outcome = call.plan.outcome();
        if (!outcome.connects()) {
            ObjectNode ended;
            synchronized (account) {
                long now = clock.millis();
                call.status = "not_connected";
                call.startTimestamp = now;
                call.endTimestamp = now;
                call.durationMs = 0L;
                call.disconnectionReason = outcome.disconnectionReason();
                call.cost = CallCost.of(0, voiceProvider(call), Json.text(call.llm, "model"));
                release(call);
                ended = call.toJson(Call.View.ENDED);
            }
            pump(account);
            emit(call, "call_ended", ended);
            after(ANALYSIS_DELAY_MS, () -> analyze(call));
            return;
        }
        ObjectNode started;
        ObjectNode toolCallObject = null;
        SplittableRandom random = new SplittableRandom(call.plan.seed());
        synchronized (account) {
            call.status = "ongoing";
            call.startTimestamp = clock.millis();
            Conversation.Setting setting = new Conversation.Setting(Json.text(call.agent, "agent_name"), call.llm,
                    call.allVariables, call.toNumber, LocalDate.now(clock), call.agent.get("voicemail_option"));
            call.conversation = outcome == Outcome.HUMAN
                    ? Conversation.answered(setting, call.plan.mood(), random)
                    : Conversation.voicemail(setting, random);
            started = call.toJson(Call.View.STARTED);
            if (call.conversation.tool() != null) {
                toolCallObject = call.toJson(Call.View.ENDED);
                toolCallObject.put("transcript", Transcript.plain(call.conversation.linesBeforeTool()));
            }
        }
        emit(call, "call_started", started);
        if (toolCallObject != null) {
            ObjectNode callObject = toolCallObject;
            String toolCallId = HexFormat.of().toHexDigits(random.nextLong());
            Conversation conversation = call.conversation;
            try {
                call.tool = CompletableFuture.supplyAsync(() -> tools.call(conversation.tool(),
                        conversation.toolArgs(), callObject, account.apiKey(), call.allVariables, toolCallId), workers);
            } catch (RejectedExecutionException e) {
                return;
            }
        }
        after(talkMs(call), () -> hangUp(call));
    }

    private void hangUp(Call call) {
        Account account = call.account;
        ToolOutcome tool = awaitTool(call);
        ObjectNode ended;
        synchronized (account) {
            long talk = talkMs(call);
            boolean capped = talk < call.plan.talkMs();
            call.toolOutcome = tool;
            call.transcript = Transcript.render(call.conversation, tool, talk);
            call.utterances = Transcript.utterances(call.transcript.get("transcript_object"));
            call.status = "ended";
            call.endTimestamp = call.startTimestamp + talk;
            call.durationMs = talk;
            call.disconnectionReason = call.plan.outcome() == Outcome.VOICEMAIL ? "voicemail_reached"
                    : capped ? "max_duration_reached" : call.plan.userHangsUp() ? "user_hangup" : "agent_hangup";
            call.recordingUrl = publicUrl.get() + "/recordings/" + call.id() + ".wav";
            call.cost = CallCost.of(talk, voiceProvider(call), Json.text(call.llm, "model"));
            release(call);
            ended = call.toJson(Call.View.ENDED);
        }
        pump(account);
        emit(call, "call_ended", ended);
        after(ANALYSIS_DELAY_MS, () -> analyze(call));
    }

    private void analyze(Call call) {
        Account account = call.account;
        ObjectNode analyzed;
        synchronized (account) {
            SplittableRandom random = new SplittableRandom(call.plan.seed() ^ 0x5DEECE66DL);
            JsonNode fields = call.agent.get("post_call_analysis_data");
            call.analysis = switch (call.plan.outcome()) {
                case HUMAN -> Analysis.answered(call.conversation, call.plan.mood(), call.toolOutcome, fields, random);
                case VOICEMAIL -> Analysis.voicemail(call.conversation, fields, random);
                default -> Analysis.notConnected(call.disconnectionReason, fields, random);
            };
            analyzed = call.toJson(Call.View.FULL);
        }
        emit(call, "call_analyzed", analyzed);
        releaseHeldWebhooks(call);
    }

    private ToolOutcome awaitTool(Call call) {
        CompletableFuture<ToolOutcome> pending = call.tool;
        if (pending == null) {
            return null;
        }
        Long timeout = Json.longValue(call.conversation.tool(), "timeout_ms");
        long waitMs = (timeout == null || timeout <= 0 ? 120_000 : timeout) * 3 + TOOL_WAIT_SLACK_MS;
        try {
            return pending.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private long talkMs(Call call) {
        Long max = Json.longValue(call.agent, "max_call_duration_ms");
        return max != null && max > 0 ? Math.min(max, call.plan.talkMs()) : call.plan.talkMs();
    }

    private void release(Call call) {
        call.account.active--;
        if (call.batch != null) {
            call.batch.active--;
        }
    }

    private static String voiceProvider(Call call) {
        return VoiceCatalog.provider(Json.text(call.agent, "voice_id"));
    }

    // Webhooks

    private void emit(Call call, String event, ObjectNode callJson) {
        Account account = call.account;
        String url;
        Duration timeout;
        synchronized (account) {
            if (!subscribed(call.agent, event)) {
                return;
            }
            String agentUrl = Json.text(call.agent, "webhook_url");
            url = agentUrl != null && !agentUrl.isBlank() && !agentUrl.equals("null") ? agentUrl
                    : account.webhookUrl != null ? account.webhookUrl : defaultWebhookUrl.get();
            Long agentTimeout = Json.longValue(call.agent, "webhook_timeout_ms");
            timeout = agentTimeout != null && agentTimeout > 0 ? Duration.ofMillis(agentTimeout)
                    : settings.webhooks().timeout();
        }
        if (url == null) {
            webhooks.notSent(call.deliveries, event, null, "skipped",
                    "no webhook URL: the agent has no webhook_url and the sandbox has no default");
            return;
        }
        FaultPlan faults = account.faults();
        if (faults.drops(event)) {
            webhooks.notSent(call.deliveries, event, url, "dropped", "dropped by an injected fault");
            return;
        }
        ObjectNode payload = Json.object().put("event", event);
        payload.set("call", callJson);
        WebhookSender.Outgoing outgoing = new WebhookSender.Outgoing(event, url, Json.string(payload),
                account.apiKey(), timeout, Duration.ofMillis(faults.delayMs(event)));
        synchronized (account) {
            if (call.shuffleWebhooks == null) {
                call.shuffleWebhooks = faults.duplicatesAndShuffles();
            }
            if (call.shuffleWebhooks) {
                call.heldWebhooks.add(outgoing);
                return;
            }
        }
        webhooks.send(call.deliveries, outgoing);
    }

    /** With the duplicate-and-shuffle fault, a call's events go out together at the end, three times each. */
    private void releaseHeldWebhooks(Call call) {
        List<WebhookSender.Outgoing> all = new ArrayList<>();
        synchronized (call.account) {
            if (!Boolean.TRUE.equals(call.shuffleWebhooks)) {
                return;
            }
            for (int copy = 0; copy < 3; copy++) {
                all.addAll(call.heldWebhooks);
            }
            call.heldWebhooks.clear();
        }
        Collections.shuffle(all, new SplittableRandom(call.plan.seed() ^ 0xD1B54A32D192ED03L));
        all.forEach(outgoing -> webhooks.send(call.deliveries, outgoing));
    }

    private static boolean subscribed(ObjectNode agent, String event) {
        JsonNode events = agent.get("webhook_events");
        if (events == null || !events.isArray()) {
            return true;
        }
        for (JsonNode subscribed : events) {
            if (event.equals(subscribed.asString())) {
                return true;
            }
        }
        return false;
    }

    /** Runs the task on a virtual thread after a simulated delay, scaled to wall-clock time. */
    private void after(long simulatedMs, Runnable task) {
        Duration wait = CallPlan.scaled(simulatedMs, settings.timeScale());
        try {
            timer.schedule(() -> {
                try {
                    workers.execute(() -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.WARNING, "sandbox call step failed", e);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // stopping
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }
}
