package dev.switchboard.identity.internal.web.pages;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.web.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the page controllers turn a service's {@link ApiProblem} into what the user sees: a form
 * shown again with each message next to its field, or, for problems no form field can fix
 * (not signed in, not allowed, not found), the error page.
 */
final class FormProblems {

    private FormProblems() {
    }

    /**
     * The problem as form errors, renaming API field names to the form's where they differ
     * ({@code "defaultRegion", "defaultPhoneRegion"}: pairs of API name, form name).
     */
    static FormErrors errors(ApiProblem problem, String... renames) {
        if (problem.errors().isEmpty()) {
            return FormErrors.summary(problem.detail());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (ApiProblem.FieldError error : problem.errors()) {
            String field = error.field();
            for (int i = 0; i + 1 < renames.length; i += 2) {
                if (renames[i].equals(field)) {
                    field = renames[i + 1];
                }
            }
            fields.put(field, capitalize(error.message()));
        }
        // A validation problem's detail only repeats its field messages in API words ("The field
        // 'name' is not valid: …"); other problems' details add what to do, so they stay on top.
        return new FormErrors("validation".equals(problem.slug()) ? null : problem.detail(), fields);
    }

    /** {@code errors} with the message of {@code field}, if it has one, said as the form says it. */
    static FormErrors reword(FormErrors errors, String field, String message) {
        if (errors.field(field) == null) {
            return errors;
        }
        Map<String, String> fields = new LinkedHashMap<>(errors.fields());
        fields.put(field, message);
        return new FormErrors(errors.summary(), fields);
    }

    /**
     * Prepares the response for showing the form again with the problem's errors: sets its
     * status. Problems about access or existence are thrown on, to the error page, because
     * showing the form again could not help.
     */
    static void formOrThrow(ApiProblem problem, HttpServletResponse response) {
        int status = problem.status().value();
        if (status == 401 || status == 403 || status == 404) {
            throw problem;
        }
        response.setStatus(status);
    }

    private static String capitalize(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
