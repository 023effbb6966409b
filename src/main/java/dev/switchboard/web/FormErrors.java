package dev.switchboard.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.validation.Errors;

/**
 * What was wrong with a submitted form: a message per field (shown under that field and linked
 * from the summary at the top of the form) and an optional message for the form as a whole
 * ("The e-mail address or password is not right").
 *
 * @param summary a message about the whole form, or null
 * @param fields  field name → message, in the order the fields appear on the form
 */
public record FormErrors(String summary, Map<String, String> fields) {

    private static final FormErrors NONE = new FormErrors(null, Map.of());

    public FormErrors {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** No errors: the form as first shown. */
    public static FormErrors none() {
        return NONE;
    }

    /** Errors on fields only. */
    public static FormErrors of(Map<String, String> fields) {
        return new FormErrors(null, fields);
    }

    /** An error about the whole form only. */
    public static FormErrors summary(String message) {
        return new FormErrors(message, Map.of());
    }

    /** The field and global errors of a Spring binding, the first message of each field kept. */
    public static FormErrors from(Errors errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.getFieldErrors().forEach(e -> byField.putIfAbsent(e.getField(), e.getDefaultMessage()));
        String global = errors.getGlobalErrors().isEmpty() ? null : errors.getGlobalErrors().getFirst().getDefaultMessage();
        return new FormErrors(global, byField);
    }

    public boolean isEmpty() {
        return summary == null && fields.isEmpty();
    }

    /** The message of the field {@code name}, or null. */
    public String field(String name) {
        return fields.get(name);
    }
}
