package dev.switchboard.campaigns.internal.contacts;

/**
 * Running totals of an import.
 *
 * @param rowsRead   data rows read, empty ones included
 * @param total      non-empty data rows
 * @param accepted   rows stored as contacts
 * @param rejected   rows refused
 * @param duplicates refused rows whose number an earlier row had
 */
record ImportCounts(long rowsRead, int total, int accepted, int rejected, int duplicates) {

    static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);

    ImportCounts emptyRow() {
        return new ImportCounts(rowsRead + 1, total, accepted, rejected, duplicates);
    }

    ImportCounts add(ContactRowChecker.Outcome outcome) {
        boolean ok = outcome.accepted() != null;
        return new ImportCounts(rowsRead + 1, total + 1, accepted + (ok ? 1 : 0), rejected + (ok ? 0 : 1),
                duplicates + (outcome.duplicate() ? 1 : 0));
    }
}
