package dev.switchboard.sandbox.internal.telephony;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sandbox's accounts, one per distinct API key, created the first time a key is used. */
public final class Accounts {

    private final Map<String, Account> byKey = new ConcurrentHashMap<>();
    private final Map<String, Call> callsById = new ConcurrentHashMap<>();
    private final int concurrencyLimit;

    public Accounts(int concurrencyLimit) {
        this.concurrencyLimit = concurrencyLimit;
    }

    public Account forKey(String apiKey) {
        return byKey.computeIfAbsent(apiKey, key -> new Account(key, concurrencyLimit));
    }

    /** Any account's call, for the public recording URLs. */
    public Call call(String callId) {
        return callsById.get(callId);
    }

    void indexCall(Call call) {
        callsById.put(call.id(), call);
    }

    void forgetCall(Call call) {
        callsById.remove(call.id(), call);
    }
}
