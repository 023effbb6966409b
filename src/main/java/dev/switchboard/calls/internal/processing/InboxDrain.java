package dev.switchboard.calls.internal.processing;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.TenantScope;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes freshly stored inbox events on the node that stored them, many at a time: the
 * events of one organization are applied in one transaction (rows claimed with
 * {@code for update skip locked}, applied in call order, marked processed in the same commit).
 * That is what lets processing keep up with ingestion; one job per event cannot. A call's events
 * always go to the same worker, so two workers never wait on each other for the same call; the
 * rows several calls share are taken in one order by every worker (campaigns by id) or only just
 * before the commit (usage counters), so workers wait on each other briefly and never in a cycle.
 *
 * <p>Nothing depends on this queue for durability: an event is in the inbox before it is
 * offered here, so one this node never gets to (a crash, a full queue) is found by the inbox
 * sweeper. When a batch fails, its events are applied one by one; one that fails alone is
 * marked failed and handed to the {@code process-webhook} job, whose retries with backoff end in
 * the parked state an administrator replays from.
 */
@Component
public class InboxDrain {

    private static final Logger log = LoggerFactory.getLogger(InboxDrain.class);
    private static final int BATCH = 250;
    /** A batch smaller than this waits {@code linger} for more events before it is applied. */
    private static final int SMALL_BATCH = 16;

    private final JdbcClient jdbc;
    private final ProcessWebhookJob processing;
    private final Jobs jobs;
    private final TransactionTemplate tx;
    private final List<BlockingQueue<UUID>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicInteger inHand = new AtomicInteger();
    private final long lingerMillis;
    private volatile boolean running = true;

    InboxDrain(JdbcClient jdbc, ProcessWebhookJob processing, Jobs jobs, PlatformTransactionManager transactions,
               MeterRegistry meters,
               @Value("${switchboard.webhooks.processing-threads:2}") int threads,
               @Value("${switchboard.webhooks.processing-queue:100000}") int capacity,
               @Value("${switchboard.webhooks.processing-linger:20ms}") Duration linger) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
        this.lingerMillis = Math.max(0, linger.toMillis());
        for (int i = 0; i < Math.max(1, threads); i++) {
            BlockingQueue<UUID> queue = new LinkedBlockingQueue<>(Math.max(1, capacity / Math.max(1, threads)));
            queues.add(queue);
            workers.add(Thread.ofPlatform().daemon().name("webhook-processing-" + i).start(() -> work(queue)));
        }
        // What an operator watches (and the webhook benchmark polls instead of counting the inbox):
        // events this node holds to process, queued or being applied, and events it has processed.
        Gauge.builder("switchboard.webhooks.processing.pending", this, InboxDrain::pending)
                .description("Webhook events this node has queued or is applying").register(meters);
        FunctionCounter.builder("switchboard.webhooks.processed", processed, AtomicLong::get)
                .description("Webhook events this node has processed since it started").register(meters);
    }

    /**
     * A stored event to process, with its organization when the inbox knew it (else null) and
     * the provider's id of its call (null when it names none).
     */
    public record Stored(UUID inboxId, UUID organizationId, String providerCallId) {
    }

    /**
     * Queues stored events for processing; answers how many were queued. Those that do not fit
     * stay in the inbox for the sweeper.
     */
    public int offer(List<Stored> events) {
        int queued = 0;
        for (Stored event : events) {
            int worker = Math.floorMod(Objects.hash(event.organizationId(), event.providerCallId()), queues.size());
            if (running && queues.get(worker).offer(event.inboxId())) {
                queued++;
            }
        }
        return queued;
    }

    /** Events waiting in this node's queues. */
    public int backlog() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    /** Events waiting in this node's queues or in a batch being applied. */
    int pending() {
        return backlog() + inHand.get();
    }

    /** Events this node has processed since it started. */
    public long processedCount() {
        return processed.get();
    }

    private void work(BlockingQueue<UUID> queue) {
        List<UUID> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                UUID first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                if (batch.size() < SMALL_BATCH && lingerMillis > 0) {
                    // A trickle of events is applied a few at a time rather than one by one: a
                    // batch's statements cost about the same for one event as for a dozen.
                    Thread.sleep(lingerMillis);
                    queue.drainTo(batch, BATCH - batch.size());
                }
                inHand.addAndGet(batch.size());
                drain(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException unexpected) {
                // The rows stay received; the sweeper hands them out again.
                log.error("Processing {} webhook events failed; the inbox sweeper retries them", batch.size(), unexpected);
            } finally {
                inHand.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    /** Processes the given inbox rows that are still waiting. */
    void drain(List<UUID> ids) {
        List<ProcessWebhookJob.InboxRow> rows = jdbc.sql("""
                        select id, provider, event_type, provider_call_id, raw_body, received_at, status, subject_organization_id
                        from webhook_inbox where id = any (?) and status = 'received'""")
                .param(ids.toArray(UUID[]::new)).query(ProcessWebhookJob.InboxRow.class).list();
        Map<UUID, List<Parsed>> byOrganization = new LinkedHashMap<>();
        for (ProcessWebhookJob.InboxRow row : rows) {
            try {
                CallEvent event = CallEvent.parse(row.provider(), row.rawBody(), row.receivedAt());
                UUID organization = processing.organizationOf(row, event);
                if (organization == null) {
                    // The unusual cases (an unknown agent, a carrier leg nobody answered) take the one-by-one path.
                    processAlone(row);
                    continue;
                }
                byOrganization.computeIfAbsent(organization, o -> new ArrayList<>()).add(new Parsed(row, event));
            } catch (RuntimeException unreadable) {
                failed(row, unreadable);
            }
        }
        byOrganization.forEach(this::applyTogether);
    }

    private record Parsed(ProcessWebhookJob.InboxRow row, CallEvent event) {
    }

    /**
     * One transaction for one organization's events, in a stable order (by campaign, by call,
     * then as received) so two batches touching the same campaigns or calls lock them in the
     * same order.
     */
    private void applyTogether(UUID organization, List<Parsed> events) {
        events.sort(Comparator.comparing((Parsed p) -> Objects.toString(p.event().campaignId(), ""))
                .thenComparing(p -> Objects.toString(p.row().providerCallId(), ""))
                .thenComparing(p -> p.row().receivedAt()));
        try {
            Integer done = TenantScope.callAs(organization, () -> tx.execute(status -> {
                Set<UUID> claimed = new HashSet<>(jdbc.sql("""
                                select id from webhook_inbox where id = any (?) and status = 'received'
                                for update skip locked""")
                        .param(events.stream().map(p -> p.row().id()).toArray(UUID[]::new)).query(UUID.class).list());
                List<Parsed> mine = events.stream().filter(p -> claimed.contains(p.row().id())).toList();
                CallLedger.Batch batch = processing.batch(organization, mine.stream().map(Parsed::event).toList());
                processing.applyAll(batch, organization, mine.stream().map(Parsed::row).toList(),
                        mine.stream().map(Parsed::event).toList());
                processing.markProcessed(mine.stream().map(p -> p.row().id()).toList(), organization);
                return mine.size();
            }));
            processed.addAndGet(done == null ? 0 : done);
        } catch (RuntimeException batchFailed) {
            if (events.size() == 1) {
                failed(events.get(0).row(), batchFailed);
                return;
            }
            log.debug("A batch of {} webhook events failed; applying them one by one", events.size(), batchFailed);
            events.forEach(p -> processAlone(p.row()));
        }
    }

    private void processAlone(ProcessWebhookJob.InboxRow row) {
        try {
            processing.process(row);
            processed.incrementAndGet();
        } catch (RuntimeException e) {
            failed(row, e);
        }
    }

    /** The first attempt failed: the row says why, and the processing job retries it with backoff. */
    private void failed(ProcessWebhookJob.InboxRow row, RuntimeException cause) {
        log.warn("Webhook {} ({} for call {}) could not be processed at receipt, retrying: {}", row.id(), row.eventType(),
                row.providerCallId(), cause.getMessage());
        processing.markFailed(row.id(), "failed", cause);
        jobs.schedule(JobRequest.of(ProcessWebhookJob.TASK, row.id().toString(), new ProcessWebhookJob.Payload(row.id())));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(5_000);
        }
    }
}
