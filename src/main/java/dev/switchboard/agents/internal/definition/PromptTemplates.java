package dev.switchboard.agents.internal.definition;

import dev.switchboard.platform.ApiProblem;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt templates with {@code {{variable}}} placeholders, filled at call time from the
 * contact's columns and the values Switchboard adds itself.
 */
public final class PromptTemplates {

    /** Values every call gets without a contact list providing them. */
    public static final Set<String> BUILT_IN = Set.of("current_date", "current_day", "current_time", "phone_number",
            "organization_name", "agent_name");
    /** Column names a contact list commonly has; not flagged as unknown. */
    public static final Set<String> COMMON = Set.of("name", "first_name", "last_name", "full_name", "crm_id", "email",
            "company", "appointment_date", "appointment_time", "appointment_type", "customer_name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private PromptTemplates() {
    }

    /** The variables a template uses, in order of first use; malformed placeholders fail naming {@code field}. */
    public static Set<String> variables(String field, String template) {
        Set<String> names = new LinkedHashSet<>();
        if (template == null) {
            return names;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            if (!NAME.matcher(name).matches()) {
                throw ApiProblem.validation(field, "has the placeholder '{{" + name + "}}'; a placeholder names a variable "
                        + "of letters, digits and underscores, such as {{first_name}}");
            }
            names.add(name);
        }
        String stripped = PLACEHOLDER.matcher(template).replaceAll("");
        if (stripped.contains("{{") || stripped.contains("}}")) {
            throw ApiProblem.validation(field, "has an unclosed '{{' or a stray '}}'; write placeholders as {{variable}}");
        }
        return names;
    }

    /** The variables that are neither built in nor common contact columns (shown as a warning). */
    public static Set<String> unknown(Set<String> used) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : used) {
            if (!BUILT_IN.contains(name) && !COMMON.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** The template with each placeholder replaced by its value; missing values are left visible. */
    public static String render(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
