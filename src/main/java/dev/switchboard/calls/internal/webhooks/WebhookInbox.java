package dev.switchboard.calls.internal.webhooks;

import dev.switchboard.calls.internal.processing.InboxDrain;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable inbox: a verified event is stored once; a repeated delivery only counts.
 *
 * <p>Events arriving together are written together: each request hands its event to a writer
 * and waits until the transaction holding it has committed, so an event is still durable before
 * it is answered, but many requests share one commit (one disk flush) and one statement. That
 * is what lets the inbox take thousands of events a second on a small database. Once committed,
 * the new events go to this node's {@link InboxDrain} for processing; the inbox sweeper finds any
 * that never got there.
 */
@Component
public class WebhookInbox {

    /** One event waiting for its batch. */
    private record Pending(UUID id, String provider, String eventKey, String eventType, String providerCallId,
                           String rawBody, UUID organizationId, CompletableFuture<Boolean> stored) {
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);
    private static final int MAX_BATCH = 200;
    private static final int WRITERS = 2;
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final Duration AGENT_CACHE_TTL = Duration.ofMinutes(5);
    private static final int AGENT_CACHE_SIZE = 10_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final InboxDrain drain;
    private final TransactionTemplate tx;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(20_000);
    private final List<Thread> writers = new ArrayList<>();
    private final ConcurrentHashMap<String, KnownAgent> agents = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private record KnownAgent(UUID organizationId, long expiresAtNanos) {
    }

    WebhookInbox(JdbcClient jdbc, Clock clock, InboxDrain drain, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.drain = drain;
        this.tx = new TransactionTemplate(transactions);
        for (int i = 0; i < WRITERS; i++) {
            writers.add(Thread.ofPlatform().daemon().name("webhook-inbox-writer-" + i).start(this::writeBatches));
        }
    }

    /**
     * Stores an event and, once it is committed, queues it for processing; answers false when the
     * same event was stored before. Returns once the event is committed.
     */
    boolean accept(String provider, String eventKey, String eventType, String providerCallId, String rawBody,
                   UUID organizationId) {
        Pending pending = new Pending(UUID.randomUUID(), provider, eventKey, eventType, providerCallId, rawBody,
                organizationId, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            // Shutting down, or a backlog far beyond what the writers ever hold: store it alone.
            return storeAlone(pending);
        }
        try {
            return pending.stored().get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing a webhook", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // Not answered: the provider delivers it again, and the unique key absorbs a late commit.
            throw new IllegalStateException("The webhook inbox did not store the event within " + MAX_WAIT, e);
        }
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException unexpected) {
                log.error("The webhook inbox writer failed; continuing", unexpected);
            } finally {
                batch.clear();
            }
        }
    }

    /** One transaction for the batch; if it fails, each event alone, so one bad event fails only itself. */
    private void write(List<Pending> batch) {
        try {
            Set<UUID> fresh = tx.execute(status -> storeAll(batch));
            batch.forEach(p -> p.stored().complete(fresh.contains(p.id())));
            drain.offer(batch.stream().filter(p -> fresh.contains(p.id()))
                    .map(p -> new InboxDrain.Stored(p.id(), p.organizationId(), p.providerCallId())).toList());
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).stored().completeExceptionally(batchFailed);
                return;
            }
            for (Pending p : batch) {
                try {
                    p.stored().complete(storeAlone(p));
                } catch (RuntimeException failed) {
                    p.stored().completeExceptionally(failed);
                }
            }
        }
    }

    private boolean storeAlone(Pending pending) {
        boolean fresh = Boolean.TRUE.equals(tx.execute(status -> storeAll(List.of(pending)).contains(pending.id())));
        if (fresh) {
            drain.offer(List.of(new InboxDrain.Stored(pending.id(), pending.organizationId(), pending.providerCallId())));
        }
        return fresh;
    }

    /** Inserts the events and counts repeated deliveries; answers the ids of the new ones. */
    private Set<UUID> storeAll(List<Pending> batch) {
        StringBuilder sql = new StringBuilder("""
                insert into webhook_inbox (id, provider, event_key, event_type, provider_call_id, raw_body, received_at,
                                           subject_organization_id) values """);
        List<Object> params = new ArrayList<>(batch.size() * 8);
        Timestamp now = Timestamp.from(clock.instant());
        for (Pending p : batch) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(java.util.Arrays.asList(p.id(), p.provider(), p.eventKey(), p.eventType(), p.providerCallId(),
                    p.rawBody(), now, p.organizationId()));
        }
        sql.append(" on conflict (provider, event_key) do nothing returning id");
        Set<UUID> fresh = new HashSet<>(jdbc.sql(sql.toString()).params(params).query(UUID.class).list());
        for (Pending p : batch) {
            if (!fresh.contains(p.id())) {
                jdbc.sql("update webhook_inbox set deliveries = deliveries + 1 where provider = ? and event_key = ?")
                        .params(p.provider(), p.eventKey()).update();
            }
        }
        return fresh;
    }

    /**
     * The organization of a provider agent. Kept for a few minutes once found: an agent never
     * moves to another organization, and its events come in bursts.
     */
    UUID organizationOfProviderAgent(String providerAgentId) {
        if (providerAgentId == null) {
            return null;
        }
        long now = System.nanoTime();
        KnownAgent known = agents.get(providerAgentId);
        if (known != null && now - known.expiresAtNanos() < 0) {
            return known.organizationId();
        }
        UUID organization = jdbc.sql("select organization_of_provider_agent(?)").param(providerAgentId).query(UUID.class)
                .optional().orElse(null);
        if (organization != null) {
            if (agents.size() >= AGENT_CACHE_SIZE) {
                agents.clear();
            }
            agents.put(providerAgentId, new KnownAgent(organization, now + AGENT_CACHE_TTL.toNanos()));
        }
        return organization;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(MAX_WAIT.toMillis());
        }
    }

    /**
     * Stores an event Switchboard made itself from the provider's own account of a call
     * (reconciliation), for {@code organizationId}; processed like a delivered webhook, and
     * absorbed like one when the same event key was stored before. Answers whether it is new.
     */
    public boolean acceptReconciled(String provider, String eventKey, String eventType, String providerCallId,
                                    String rawBody, UUID organizationId) {
        return accept(provider, eventKey, eventType, providerCallId, rawBody, organizationId);
    }

    /** The line an inbound call arrived on; empty for a number the platform does not have. */
    record InboundLine(UUID phoneNumberId, String numberStatus, UUID organizationId, UUID inboundAgentId) {
    }

    java.util.Optional<InboundLine> inboundLine(String e164) {
        if (e164 == null) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("select phone_number_id, number_status, organization_id, inbound_agent_id from inbound_line(?)")
                .param(e164).query(InboundLine.class).optional();
    }

    UUID organizationOfProviderCall(String provider, String providerCallId) {
        if (providerCallId == null) {
            return null;
        }
        return jdbc.sql("select organization_of_provider_call(?, ?)").params(new String[] {provider}, providerCallId)
                .query(UUID.class).optional().orElse(null);
    }

    UUID organizationOfTwilioCall(String callSid) {
        if (callSid == null) {
            return null;
        }
        return jdbc.sql("select organization_of_twilio_call(?)").param(callSid).query(UUID.class).optional().orElse(null);
    }
}
