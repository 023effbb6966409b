package dev.switchboard.campaigns.internal.compliance;

import java.time.LocalTime;

/**
 * An organization's rules for outbound campaigns. The defaults are the US rules Switchboard
 * enforces unless an administrator changes them: calls only 08:00–21:00 in the callee's local
 * time, the do-not-call list honoured, callees who ask not to be called added to it, and at
 * most three attempts per contact.
 *
 * @param callingHours      whether the calling window applies
 * @param windowStartMinute the window's start, in minutes after local midnight (inclusive)
 * @param windowEndMinute   its end, in minutes after local midnight (exclusive; 1440 is midnight)
 * @param honorDoNotCall    skip contacts whose number is on the organization's do-not-call list
 * @param autoDoNotCall     add a callee who asked not to be called again to the list
 * @param maxAttempts       the most calls one contact may receive in one campaign
 */
public record CallingRules(boolean callingHours, int windowStartMinute, int windowEndMinute, boolean honorDoNotCall,
                           boolean autoDoNotCall, int maxAttempts) {

    public static final CallingRules DEFAULTS = new CallingRules(true, 8 * 60, 21 * 60, true, true, 3);

    /** Whether a call may start at {@code local} (the callee's wall-clock time). */
    public boolean allows(LocalTime local) {
        if (!callingHours) {
            return true;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        return minute >= windowStartMinute && minute < windowEndMinute;
    }

    /** The window as people write it, such as {@code 08:00–21:00}. */
    public String window() {
        return clock(windowStartMinute) + "–" + clock(windowEndMinute);
    }

    static String clock(int minute) {
        return "%02d:%02d".formatted(minute / 60, minute % 60);
    }
}
