package dev.switchboard.web;

/**
 * A one-shot message shown at the top of the next page, typically after a redirect ("Invitation
 * sent to ana@example.com").
 *
 * @param kind    its colour and icon
 * @param message the text; plain text, never HTML
 */
public record Flash(Kind kind, String message) {

    /** The colour and icon of a flash message or alert banner. */
    public enum Kind {
        SUCCESS, INFO, WARNING, DANGER;

        /** The CSS modifier of the alert component ({@code alert-success}…). */
        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Flash {
        if (kind == null) {
            kind = Kind.INFO;
        }
    }

    public static Flash success(String message) {
        return new Flash(Kind.SUCCESS, message);
    }

    public static Flash info(String message) {
        return new Flash(Kind.INFO, message);
    }

    public static Flash warning(String message) {
        return new Flash(Kind.WARNING, message);
    }

    public static Flash danger(String message) {
        return new Flash(Kind.DANGER, message);
    }
}
