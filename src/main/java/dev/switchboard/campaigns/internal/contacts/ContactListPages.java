package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.campaigns.ContactLists;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.web.Pagination;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the contact-list pages show, and the helpers their controllers share. */
public final class ContactListPages {

    private ContactListPages() {
    }

    /**
     * The contact lists page ({@code app/contact-lists}).
     *
     * @param lists      the page of lists, newest first
     * @param canManage  whether the viewer may upload and delete
     * @param maxUpload  the upload limit in words ("500 MB")
     */
    public record ListsView(List<ContactLists.Summary> lists, Pagination pagination, boolean canManage, String maxUpload) {
    }

    /**
     * One list's page ({@code app/contact-list}): status, progress and the validation report.
     *
     * @param rejections the page of rejected rows shown
     * @param contacts   the first accepted contacts, as a preview
     */
    public record ListView(ContactLists.Summary list, List<RejectedRow> rejections,
                           Pagination rejectionsPagination, List<ContactLists.Contact> contacts, boolean canManage) {

        public boolean importing() {
            return list.status() == ContactLists.Status.UPLOADED || list.status() == ContactLists.Status.IMPORTING;
        }

        /** The variable columns, for the preview table. */
        public List<String> variableNames() {
            return list.variableNames();
        }
    }

    /** Whether the current viewer may change lists and the do-not-call list. */
    public static boolean canManage() {
        return Actors.current().map(a -> a.can(Permission.CAMPAIGNS_RUN)).orElse(false);
    }

    /** "Newer" returns to the first page; "Older" follows the cursor. */
    public static Pagination pagination(String path, String query, String cursor, String nextCursor) {
        String base = path + (query == null || query.isBlank() ? "?" : "?q=" + encode(query) + "&");
        String newer = cursor == null || cursor.isBlank() ? null : base.substring(0, base.length() - 1);
        String older = nextCursor == null ? null : base + "cursor=" + encode(nextCursor);
        return new Pagination(newer, older);
    }

    /** The message of a problem as a flash line. */
    public static String message(ApiProblem problem) {
        return problem.errors().isEmpty() ? problem.detail()
                : problem.errors().stream().map(e -> "The " + e.field() + " " + e.message())
                        .reduce((a, b) -> a + "; " + b).orElse(problem.detail()) + ".";
    }

    /** The 400 answer to a cursor this application did not issue. */
    public static ApiProblem invalidCursor() {
        return ApiProblem.badRequest("invalid-cursor",
                "The cursor is not valid. Use the nextCursor value of the previous page as it was given.")
                .field("cursor", "not a cursor issued by this endpoint");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
