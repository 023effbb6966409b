package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.campaigns.ContactLists;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ContactLists} for other modules (the dialer), read straight from the tables. */
@Component
class JdbcContactLists implements ContactLists {

    private final ContactListRecords records;
    private final TransactionTemplate tx;

    JdbcContactLists(ContactListRecords records, TransactionTemplate tx) {
        this.records = records;
        this.tx = tx;
    }

    @Override
    public Optional<Summary> find(UUID organizationId, UUID contactListId) {
        return tx.execute(s -> records.find(organizationId, contactListId)).map(ContactListRecords.StoredList::summary);
    }

    @Override
    public List<Contact> contacts(UUID organizationId, UUID contactListId, int afterRowNumber, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, but was " + limit);
        }
        return tx.execute(s -> records.contacts(organizationId, contactListId, afterRowNumber, limit));
    }
}
