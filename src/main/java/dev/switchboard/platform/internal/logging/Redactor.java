package dev.switchboard.platform.internal.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks what must never be written to a log: credentials, tokens and phone numbers. */
public final class Redactor {

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // bearer credentials (before key=value pairs, whose value would stop at the space)
            new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1[REDACTED]"),
            // key=value or "key":"value" pairs whose key names a secret
            new Rule(Pattern.compile("(?i)(\"?(?:password|passwd|secret|token|api[_-]?key|authorization|"
                    + "auth[_-]?token|refresh[_-]?token|access[_-]?token|cookie|set-cookie)\"?\\s*[:=]\\s*\"?)"
                    + "([^\"\\s,;&}]+)"), "$1[REDACTED]"),
            // JWTs anywhere
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+"), "[REDACTED-JWT]"),
            // Switchboard's own token formats (API keys, sessions, refresh tokens, one-time links)
            new Rule(Pattern.compile("\\bsb[a-z]?_[A-Za-z0-9_-]{16,}"), "[REDACTED-TOKEN]"),
            // phone numbers, keeping the last two digits: E.164 and international forms with '+',
            // (415) 555-1234, 415-555-1234 / 415.555.1234, and bare 10- or 11-digit NANP numbers
            // (whose area code never starts with 0 or 1, unlike epoch seconds and milliseconds)
            new Rule(Pattern.compile("\\+\\d[\\d ().-]{5,}(\\d{2})(?![\\w-])"), "[PHONE..$1]"),
            new Rule(Pattern.compile("\\(\\d{3}\\)\\s?\\d{3}[-. ]\\d{2}(\\d{2})\\b"), "[PHONE..$1]"),
            new Rule(Pattern.compile("\\b\\d{3}[-.]\\d{3}[-.]\\d{2}(\\d{2})\\b"), "[PHONE..$1]"),
            new Rule(Pattern.compile("\\b1?[2-9]\\d{7}(\\d{2})\\b"), "[PHONE..$1]"));

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }
}
