package dev.switchboard.campaigns.internal.contacts;

import java.util.List;

/** Workbooks for tests outside this package. */
public final class ContactImportWorkbooks {

    private ContactImportWorkbooks() {
    }

    /** A header and two contacts, the first phone number stored as a number. */
    public static byte[] simple() {
        return ImportFixture.xlsx(List.of(
                List.of("s:phone_number", "s:crm_id", "s:name"),
                List.of("n:4155551234", "s:C1", "s:Ann"),
                List.of("s:+14155551235", "i:C2", "i:Bob")));
    }
}
