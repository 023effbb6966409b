package dev.switchboard.sandbox.internal.telephony;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids shaped like Retell's: a prefix and random hex ({@code call_3f9a…}, {@code agent_…}, {@code llm_…}). */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix, int hexDigits) {
        byte[] bytes = new byte[(hexDigits + 1) / 2];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes).substring(0, hexDigits);
    }

    public static String call() {
        return next("call_", 28);
    }

    public static String agent() {
        return next("agent_", 24);
    }

    public static String llm() {
        return next("llm_", 24);
    }

    public static String batch() {
        return next("batch_call_", 20);
    }
}
