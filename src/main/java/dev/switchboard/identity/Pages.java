package dev.switchboard.identity;

import dev.switchboard.web.PageContext;

/**
 * Builds the layout data of a server-rendered page for the current request: who is viewing, in
 * which organization, their other organizations, an impersonation banner, the CSRF field and
 * the flash messages of the previous redirect. Page controllers of every module use it.
 */
public interface Pages {

    /** Flash attribute (a String) shown once as a success message after a redirect. */
    String FLASH_SUCCESS = "flash.success";
    /** Flash attribute shown once as information. */
    String FLASH_INFO = "flash.info";
    /** Flash attribute shown once as a warning. */
    String FLASH_WARNING = "flash.warning";
    /** Flash attribute shown once as an error. */
    String FLASH_DANGER = "flash.danger";

    /** The context of a signed-in page with {@code title}, highlighting sidebar entry {@code nav}. */
    PageContext context(String title, String nav);

    /** The context of a signed-out page (sign-in, sign-up, password reset, invitations). */
    PageContext signedOut(String title);
}
