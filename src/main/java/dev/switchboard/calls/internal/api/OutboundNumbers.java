package dev.switchboard.calls.internal.api;

import dev.switchboard.calls.internal.PhoneNumbers;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.telephony.PhoneNumberRules;

/**
 * Destination numbers for outbound calls: read in the organization's region, then refused when
 * they are one of the patterns tests and fiction use ({@link PhoneNumberRules#testPattern}).
 */
final class OutboundNumbers {

    private OutboundNumbers() {
    }

    static String destination(String raw, String region, boolean sandbox) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.validation("to", "is required: the number to call, such as +14155551234");
        }
        String e164 = PhoneNumbers.toE164(raw, region).orElseThrow(() -> ApiProblem.validation("to",
                "is not a phone number we can call: write it in international form (+14155551234) or as a number of "
                        + region));
        PhoneNumberRules.testPattern(e164, sandbox).ifPresent(why -> {
            throw testPattern(why);
        });
        return e164;
    }

    private static ApiProblem testPattern(String why) {
        return ApiProblem.validation("to", "is a test pattern, not a callable number: " + why);
    }
}
