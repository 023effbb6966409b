package dev.switchboard.calls.internal.api;

import dev.switchboard.calls.internal.PhoneNumbers;
import dev.switchboard.platform.ApiProblem;

/**
 * Destination numbers for outbound calls: read in the organization's region, then refused when
 * they are one of the patterns tests and fiction use. NANP area codes never begin with 0 or 1 and
 * 555 is not a real area code; 555-0100 to 555-0199 are reserved for fiction in every area code.
 * The sandbox's reserved test numbers (555-0001 to 555-0008) only make sense on the sandbox.
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
        if (e164.startsWith("+1") && e164.length() == 12) {
            String area = e164.substring(2, 5);
            String exchange = e164.substring(5, 8);
            int line = Integer.parseInt(e164.substring(8));
            if (area.equals("555") || area.charAt(0) == '0' || area.charAt(0) == '1') {
                throw testPattern(e164 + " has area code " + area + ", which no real number has");
            }
            if (exchange.equals("555") && line >= 100 && line <= 199) {
                throw testPattern(e164 + " is in 555-0100 to 555-0199, reserved for fiction");
            }
            if (exchange.equals("555") && line <= 99) {
                boolean sandboxTestNumber = line >= 1 && line <= 8;
                if (!(sandbox && sandboxTestNumber)) {
                    throw testPattern(e164 + (sandboxTestNumber
                            ? " is one of the sandbox's test numbers, which only the sandbox can call"
                            : " is in 555-0000 to 555-0099, kept for tests"));
                }
            }
        }
        return e164;
    }

    private static ApiProblem testPattern(String why) {
        return ApiProblem.validation("to", "is a test pattern, not a callable number: " + why);
    }
}
