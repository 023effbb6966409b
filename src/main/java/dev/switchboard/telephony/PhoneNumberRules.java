package dev.switchboard.telephony;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Which numbers Switchboard calls: reading what people type into E.164 in an organization's
 * region, and refusing the patterns that tests and fiction use, which no carrier connects.
 *
 * <p>NANP area codes never begin with 0 or 1 and 555 is not a real area code; 555-0100 to
 * 555-0199 are reserved for fiction in every area code, 555-0000 to 555-0099 are kept for tests.
 * The sandbox's reserved test numbers (555-0001 to 555-0008) are callable on the sandbox only.
 *
 * <p>Thread-safe and allocation-light: the common shapes of North American numbers are read
 * without libphonenumber's parser, and no exception is thrown for a bad number.
 */
public final class PhoneNumberRules {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /**
     * Whether US numbers of each NPA-NXX (their first six digits) are valid: 0 not known yet, 1
     * valid, 2 not. libphonenumber's US ranges are defined at that granularity (a test checks
     * it), and its check is the slowest step of reading a list, so each prefix is checked once.
     */
    private static final byte[] US_PREFIX_VALIDITY = new byte[1_000_000];

    private PhoneNumberRules() {
    }

    /**
     * The number in E.164 when it is a <em>possible</em> number (right length) of {@code region},
     * or has its own +country code; the lenient reading used for single calls.
     */
    public static Optional<String> toE164(String raw, String region) {
        PhoneNumber number = parse(raw, region);
        if (number == null || !UTIL.isPossibleNumber(number)) {
            return Optional.empty();
        }
        return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** Why a number was refused by {@link #check}. */
    public enum Problem {
        /** Nothing was written. */
        EMPTY,
        /** Not a phone number at all (letters, too few or too many digits). */
        NOT_A_NUMBER,
        /** Shaped like a number, but not in any range assigned in its country. */
        INVALID,
        /** A test or fiction pattern; see {@link #testPattern}. */
        TEST_PATTERN
    }

    /**
     * The outcome of {@link #check}: the E.164 number, or the problem and a sentence about it.
     *
     * @param e164    the number in E.164 when accepted, else null
     * @param problem why it was refused, or null when accepted
     * @param detail  for a refusal, the reason in words, ready to show to a user
     */
    public record Checked(String e164, Problem problem, String detail) {

        public boolean accepted() {
            return problem == null;
        }
    }

    /**
     * The strict reading used for imported lists: the number must be a <em>valid</em> number (an
     * assigned range of its country), read in {@code region} unless it has its own +country
     * code, and no test pattern. Digits that are invalid in the region but valid with a leading
     * + (447700123456) are read as international. Sandbox test numbers pass when
     * {@code sandbox} is true.
     */
    public static Checked check(String raw, String region, boolean sandbox) {
        if (raw == null || raw.isBlank()) {
            return new Checked(null, Problem.EMPTY, "is empty: every row needs a phone number");
        }
        PhoneNumber number = parse(raw, region);
        if (number == null || !UTIL.isPossibleNumber(number)) {
            PhoneNumber international = international(raw);
            if (international == null) {
                return new Checked(null, Problem.NOT_A_NUMBER, "is not a phone number: write it in international form, "
                        + "such as +14155551234, or as a number of " + (region == null ? "US" : region));
            }
            number = international;
        }
        String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        Optional<String> pattern = testPattern(e164, sandbox);
        if (pattern.isPresent()) {
            return new Checked(null, Problem.TEST_PATTERN, "is a test number, not a real one: " + pattern.get());
        }
        if (isValid(number, region) || (sandbox && isSandboxTestNumber(e164))) {
            return new Checked(e164, null, null);
        }
        PhoneNumber international = international(raw);
        if (international != null && isValid(international, null)) {
            return new Checked(UTIL.format(international, PhoneNumberUtil.PhoneNumberFormat.E164), null, null);
        }
        return new Checked(null, Problem.INVALID, "is not a valid number: " + e164
                + " is in no range assigned to a phone line; check the digits and the country code");
    }

    /** The digits read with a leading +, for numbers written with their country code but no +. */
    private static PhoneNumber international(String raw) {
        String stripped = raw.strip();
        if (stripped.startsWith("+") || stripped.length() > 32) {
            return null;
        }
        PhoneNumber number = parse("+" + stripped, "US");
        return number != null && UTIL.isPossibleNumber(number) ? number : null;
    }

    /**
     * Why {@code e164} is a test or fiction pattern rather than a callable number, or empty when
     * it is not one.
     *
     * @param sandbox whether the calls go through the sandbox, which answers its own test numbers
     */
    public static Optional<String> testPattern(String e164, boolean sandbox) {
        if (e164 == null || !e164.startsWith("+1") || e164.length() != 12) {
            return Optional.empty();
        }
        String area = e164.substring(2, 5);
        String exchange = e164.substring(5, 8);
        int line = Integer.parseInt(e164.substring(8));
        if (area.equals("555") || area.charAt(0) == '0' || area.charAt(0) == '1') {
            return Optional.of(e164 + " has area code " + area + ", which no real number has");
        }
        if (exchange.equals("555") && line >= 100 && line <= 199) {
            return Optional.of(e164 + " is in 555-0100 to 555-0199, reserved for fiction");
        }
        if (exchange.equals("555") && line <= 99) {
            boolean sandboxTestNumber = line >= 1 && line <= 8;
            if (!(sandbox && sandboxTestNumber)) {
                return Optional.of(e164 + (sandboxTestNumber
                        ? " is one of the sandbox's test numbers, which only the sandbox can call"
                        : " is in 555-0000 to 555-0099, kept for tests"));
            }
        }
        return Optional.empty();
    }

    private static boolean isSandboxTestNumber(String e164) {
        return e164.length() == 12 && e164.startsWith("+1") && e164.startsWith("5550", 5)
                && e164.charAt(10) == '0' && e164.charAt(11) >= '1' && e164.charAt(11) <= '8';
    }

    /** Valid in the region first (one metadata check), else in whichever region the number names. */
    private static boolean isValid(PhoneNumber number, String region) {
        if (number.getCountryCode() == 1 && isValidInUs(number)) {
            return true;
        }
        if (region != null && !"US".equals(region) && UTIL.getCountryCodeForRegion(region) == number.getCountryCode()
                && UTIL.isValidNumberForRegion(number, region)) {
            return true;
        }
        return UTIL.isValidNumber(number);
    }

    private static boolean isValidInUs(PhoneNumber number) {
        long national = number.getNationalNumber();
        if (national < 1_000_000_000L || national > 9_999_999_999L || number.hasItalianLeadingZero()) {
            return UTIL.isValidNumberForRegion(number, "US");
        }
        int prefix = (int) (national / 10_000);
        byte known = US_PREFIX_VALIDITY[prefix];
        if (known == 0) {
            known = UTIL.isValidNumberForRegion(number, "US") ? (byte) 1 : (byte) 2;
            US_PREFIX_VALIDITY[prefix] = known; // a benign race: every thread stores the same value
        }
        return known == 1;
    }

    /** Reads the number; null when it is none. */
    private static PhoneNumber parse(String raw, String region) {
        if (raw == null) {
            return null;
        }
        String home = region == null ? "US" : region;
        PhoneNumber fast = NanpShapes.read(raw, home, UTIL.getCountryCodeForRegion(home) == 1);
        if (fast != null) {
            return fast;
        }
        if (raw.isBlank() || raw.length() > 64) {
            return null;
        }
        try {
            return UTIL.parse(raw.strip(), home);
        } catch (NumberParseException notANumber) {
            return null;
        }
    }

    /**
     * The shapes of North American numbers that make up most lists, read digit by digit:
     * "+14155551234", "14155551234", "(415) 555-1234", "415.555.1234". Anything else (letters,
     * extensions, other countries) goes to libphonenumber's parser.
     */
    static final class NanpShapes {

        private NanpShapes() {
        }

        static PhoneNumber read(String raw, String region, boolean homeIsNanp) {
            int length = raw.length();
            if (length > 24) {
                return null;
            }
            long digits = 0;
            int count = 0;
            boolean plus = false;
            for (int i = 0; i < length; i++) {
                char c = raw.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (++count > 11) {
                        return null;
                    }
                    digits = digits * 10 + (c - '0');
                } else if (c == '+' && count == 0 && !plus) {
                    plus = true;
                } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '\t') {
                    return null;
                }
            }
            long national;
            if (count == 11 && digits / 10_000_000_000L == 1 && (plus || homeIsNanp)) {
                national = digits % 10_000_000_000L;
            } else if (count == 10 && !plus && homeIsNanp) {
                national = digits;
            } else {
                return null;
            }
            return new PhoneNumber().setCountryCode(1).setNationalNumber(national);
        }
    }
}
