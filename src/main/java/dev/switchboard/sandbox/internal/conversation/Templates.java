package dev.switchboard.sandbox.internal.conversation;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Retell-style {@code {{variable}}} substitution and a few readings of the call's variables. */
public final class Templates {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private Templates() {
    }

    /** Replaces every {@code {{name}}} that has a value; unknown variables stay as written, as in Retell. */
    public static String render(String template, Map<String, String> variables) {
        if (template == null) {
            return null;
        }
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The person's first name from {@code first_name}, {@code name}, {@code customer_name} or {@code full_name}. */
    public static String firstName(Map<String, String> variables) {
        for (String key : new String[] {"first_name", "firstName", "firstname"}) {
            String value = nonBlank(variables.get(key));
            if (value != null) {
                return capitalize(value);
            }
        }
        for (String key : new String[] {"name", "customer_name", "full_name", "contact_name", "lead_name"}) {
            String value = nonBlank(variables.get(key));
            if (value != null) {
                return capitalize(value.split("\\s+")[0]);
            }
        }
        return null;
    }

    /** The business the agent speaks for, when the variables name one. */
    public static String company(Map<String, String> variables) {
        for (String key : new String[] {"company", "company_name", "business_name", "business", "organization"}) {
            String value = nonBlank(variables.get(key));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String capitalize(String word) {
        if (word.isEmpty()) {
            return word;
        }
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
