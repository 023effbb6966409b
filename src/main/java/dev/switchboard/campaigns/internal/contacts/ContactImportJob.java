package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.telephony.ProviderAccounts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one uploaded contact list in the background. A rerun (after a crash or a failed
 * attempt) clears what the previous attempt stored and reads the file again from the start, so
 * no row is lost or stored twice. The upload is deleted once the list is ready or has failed.
 */
@Component
class ContactImportJob implements JobHandler<ContactImportJob.Payload> {

    static final String TASK = "contact-list-import";
    private static final Logger log = LoggerFactory.getLogger(ContactImportJob.class);

    /** The list to import. */
    record Payload(UUID contactListId) {
    }

    private final ContactListRecords lists;
    private final ContactImporter importer;
    private final UploadFiles uploads;
    private final ProviderAccounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    ContactImportJob(ContactListRecords lists, ContactImporter importer, UploadFiles uploads, ProviderAccounts accounts,
                     JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.lists = lists;
        this.importer = importer;
        this.uploads = uploads;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    @Override
    public RetryPolicy retryPolicy(RetryPolicy defaults) {
        return defaults.withMaxAttempts(3);
    }

    @Override
    public void run(Payload payload, JobContext context) {
        UUID organization = context.organizationId();
        UUID id = payload.contactListId();
        var list = tx.execute(s -> lists.find(organization, id));
        if (list == null || list.isEmpty()) {
            return; // deleted before its import ran
        }
        if (list.get().summary().status().ordinal() >= dev.switchboard.campaigns.ContactLists.Status.READY.ordinal()) {
            uploads.delete(organization, id);
            return; // already done by an earlier attempt
        }
        tx.executeWithoutResult(s -> lists.markImporting(organization, id, clock.instant()));
        Path file = uploads.path(organization, id);
        try {
            var result = importer.importFile(new ContactImporter.Request(organization, id, file, region(organization),
                    sandbox()), columns -> tx.executeWithoutResult(s -> lists.columns(organization, id, columns)));
            tx.executeWithoutResult(s -> lists.markReady(organization, id, result, clock.instant()));
            uploads.delete(organization, id);
        } catch (ImportProblem problem) {
            tx.executeWithoutResult(s -> lists.markFailed(organization, id, problem.getMessage(), clock.instant()));
            uploads.delete(organization, id);
        } catch (RuntimeException unexpected) {
            if (!context.lastAttempt()) {
                throw unexpected;
            }
            log.error("Import of contact list {} failed on its last attempt", id, unexpected);
            tx.executeWithoutResult(s -> lists.markFailed(organization, id, "The import stopped because of an error on "
                    + "our side. Upload the file again; if it happens again, contact support.", clock.instant()));
            uploads.delete(organization, id);
        }
    }

    private String region(UUID organization) {
        return tx.execute(s -> jdbc.sql("select default_region from organizations where id = ?").param(organization)
                .query(String.class).single());
    }

    /** On the sandbox its own test numbers (555-0001 to 555-0008) are callable. */
    private boolean sandbox() {
        try {
            return "sandbox".equals(accounts.voiceAccount().provider());
        } catch (RuntimeException noAccount) {
            return false;
        }
    }
}
