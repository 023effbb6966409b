package dev.switchboard.platform.internal.mail;

import dev.switchboard.platform.MailTemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the mail templates kept under {@code mail/} on the classpath: {@code <name>.txt} for
 * the plain-text part and {@code <name>.html} for the HTML part. A {@code {{name}}} placeholder
 * is replaced by the model's value, HTML-escaped in the HTML part. A placeholder without a value
 * is an error, so that no mail goes out with a hole where its link should be.
 */
final class MailTemplates {

    /** Both parts of a rendered mail. */
    record Body(String text, String html) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final String folder;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    MailTemplates(String folder) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
    }

    Body render(String template, Map<String, ?> model) {
        if (!NAME.matcher(template).matches()) {
            throw new MailTemplateException("'" + template + "' is not a mail template name "
                    + "(lower-case letters, digits and dashes)");
        }
        String text = fill(folder + template + ".txt", load(template + ".txt"), model, false);
        String html = fill(folder + template + ".html", load(template + ".html"), model, true);
        return new Body(text, html);
    }

    private String load(String file) {
        return cache.computeIfAbsent(file, f -> {
            try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(folder + f)) {
                if (in == null) {
                    throw new MailTemplateException("The mail template " + folder + f + " does not exist");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the mail template " + folder + f, e);
            }
        });
    }

    static String fill(String file, String source, Map<String, ?> model, boolean html) {
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 256);
        while (m.find()) {
            String name = m.group(1);
            Object value = model.get(name);
            if (value == null) {
                throw new MailTemplateException("The mail template " + file + " uses {{" + name
                        + "}}, but the model has no value for it (it has: " + model.keySet().stream().sorted().toList() + ")");
            }
            String text = value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(text) : text));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
