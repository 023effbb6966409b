package dev.switchboard.sandbox.internal.telephony;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.switchboard.sandbox.internal.http.ApiException;
import java.util.regex.Pattern;

/** E.164 checks and pretty printing of phone numbers. */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** Whether the text is an E.164 number that could exist (right length for its country). */
    public static boolean isValid(String number) {
        if (number == null || !E164.matcher(number).matches()) {
            return false;
        }
        try {
            return UTIL.isPossibleNumber(UTIL.parse(number, null));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** The number, or a 400 whose message says it is not a valid number. */
    public static String require(String field, String number) {
        if (number == null || number.isBlank()) {
            throw ApiException.badRequest(field + " is required, in E.164 format such as +14155550123");
        }
        if (!isValid(number.strip())) {
            throw ApiException.badRequest(field + " " + number + " is not a valid number; use E.164 format such as "
                    + "+14155550123");
        }
        return number.strip();
    }

    /** "+1 (415) 555-0123" for North American numbers, the international format otherwise. */
    public static String pretty(String number) {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(number, null);
            String national = String.valueOf(parsed.getNationalNumber());
            if (parsed.getCountryCode() == 1 && national.length() == 10) {
                return "+1 (" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6);
            }
            return UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return number;
        }
    }

    /** The US area code of a North American number, or {@code null}. */
    public static Integer areaCode(String number) {
        if (number != null && number.startsWith("+1") && number.length() == 12) {
            return Integer.parseInt(number.substring(2, 5));
        }
        return null;
    }
}
