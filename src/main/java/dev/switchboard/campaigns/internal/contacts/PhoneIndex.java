package dev.switchboard.campaigns.internal.contacts;

import java.util.Arrays;

/**
 * The E.164 numbers seen so far in one file and the row each first appeared on: an open
 * addressing table of primitive longs, about 24 bytes a number, so a million rows need ~48 MB
 * at most rather than hundreds of MB of strings and boxes.
 */
final class PhoneIndex {

    private static final long EMPTY = 0L;
    private long[] keys;
    private int[] rows;
    private int size;

    PhoneIndex() {
        keys = new long[1 << 12];
        rows = new int[1 << 12];
    }

    /**
     * Remembers {@code e164} for {@code row}; returns 0 when it is new, else the row that had it
     * first.
     */
    int putIfAbsent(String e164, int row) {
        long key = Long.parseLong(e164, 1, e164.length(), 10);
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return rows[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        rows[slot] = row;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = mix(oldKeys[i]) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                rows[slot] = oldRows[i];
            }
        }
        Arrays.fill(oldKeys, EMPTY);
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
