package dev.switchboard.platform;

import java.util.Optional;
import java.util.UUID;

/**
 * Every mail Switchboard sent or is sending, for the platform administrator's outbox page (and
 * the development outbox, where mails are captured instead of sent). Callers check that the user
 * may see it: mails contain links that act on accounts.
 */
public interface MailOutbox {

    /** The outbox, newest first. */
    Page<OutboxMail> list(PageRequest page);

    /** One mail, if it exists. */
    Optional<OutboxMail> find(UUID id);
}
