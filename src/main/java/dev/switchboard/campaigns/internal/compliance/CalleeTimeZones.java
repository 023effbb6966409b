package dev.switchboard.campaigns.internal.compliance;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The time zone a callee most likely is in, from their number's prefix (libphonenumber's
 * geocoder data). A prefix spanning several zones (a mobile number, a whole country such as
 * the US toll-free range) gives no single answer; the organization's zone is used then.
 */
public final class CalleeTimeZones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();

    private CalleeTimeZones() {
    }

    /** The zone of {@code e164}, or {@code fallback} when the number does not name exactly one. */
    public static String of(String e164, String fallback) {
        try {
            List<String> zones = MAPPER.getTimeZonesForNumber(UTIL.parse(e164, "ZZ"));
            if (zones.size() == 1 && !zones.getFirst().equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                ZoneId.of(zones.getFirst());
                return zones.getFirst();
            }
        } catch (NumberParseException | DateTimeException unusable) {
            // fall through to the organization's zone
        }
        return fallback;
    }
}
