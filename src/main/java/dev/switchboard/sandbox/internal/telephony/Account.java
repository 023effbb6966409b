package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.internal.faults.FaultPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sandbox account: everything made with one API key. Its state is guarded by the account's
 * own monitor ({@code synchronized (account)}); accounts never share anything.
 */
public final class Account {

    /**
     * Calls an account holds before it forgets its oldest finished ones (ended and analyzed) as
     * new calls are made, so a sandbox running for weeks does not grow without bound (a call with
     * its transcript takes some 15 KB). Calls still ringing or talking are never forgotten.
     */
    static final int KEPT_CALLS = 20_000;
    /** Oldest calls looked at per call made, so a head of long calls costs no more than this. */
    private static final int FORGET_SCAN = 64;

    private final String apiKey;
    final Map<String, ObjectNode> llms = new LinkedHashMap<>();
    final Map<String, ObjectNode> agents = new LinkedHashMap<>();
    final Map<String, ObjectNode> numbers = new LinkedHashMap<>();
    final Map<String, Call> calls = new LinkedHashMap<>();
    final Map<String, BatchCall> batches = new LinkedHashMap<>();
    /** Calls made with create-phone-call that wait for a free line, oldest first. */
    final Deque<Call> waiting = new ArrayDeque<>();
    int concurrencyLimit;
    String webhookUrl;
    int active;
    int peakActive;
    long sequence;
    private volatile FaultPlan faults = FaultPlan.NONE;

    Account(String apiKey, int concurrencyLimit) {
        this.apiKey = apiKey;
        this.concurrencyLimit = concurrencyLimit;
    }

    public String apiKey() {
        return apiKey;
    }

    public FaultPlan faults() {
        return faults;
    }

    public void faults(FaultPlan plan) {
        this.faults = plan;
    }

    /** Mixes into every seed of this account, so accounts draw independently of each other. */
    long seedBase() {
        return apiKey.hashCode() * 0x9E3779B97F4A7C15L;
    }

    // The resources, by id in creation order; callers hold the account's monitor.

    public Map<String, ObjectNode> llms() {
        return llms;
    }

    public Map<String, ObjectNode> agents() {
        return agents;
    }

    public Map<String, ObjectNode> numbers() {
        return numbers;
    }

    public Map<String, Call> calls() {
        return calls;
    }

    /**
     * Forgets the oldest finished calls while the account holds more than {@code keep}; callers
     * hold the account's monitor.
     *
     * @return the calls forgotten, for the other indexes to forget too
     */
    List<Call> forgetOldestFinished(int keep) {
        if (calls.size() <= keep) {
            return List.of();
        }
        List<Call> forgotten = new ArrayList<>();
        Iterator<Call> oldestFirst = calls.values().iterator();
        for (int scanned = 0; scanned < FORGET_SCAN && calls.size() > keep && oldestFirst.hasNext(); scanned++) {
            Call call = oldestFirst.next();
            if (call.analysis != null) {
                oldestFirst.remove();
                forgotten.add(call);
            }
        }
        return forgotten;
    }

    public Map<String, BatchCall> batches() {
        return batches;
    }

    public synchronized int concurrencyLimit() {
        return concurrencyLimit;
    }

    public synchronized void concurrencyLimit(int limit) {
        this.concurrencyLimit = limit;
    }

    public synchronized String webhookUrl() {
        return webhookUrl;
    }

    public synchronized void webhookUrl(String url) {
        this.webhookUrl = url;
    }

    public synchronized int active() {
        return active;
    }

    public synchronized int peakActive() {
        return peakActive;
    }
}
