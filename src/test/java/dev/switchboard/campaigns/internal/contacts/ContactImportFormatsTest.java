package dev.switchboard.campaigns.internal.contacts;

import static dev.switchboard.campaigns.internal.contacts.ImportFixture.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file formats a contact list may come in, read as the background import reads them. */
class ContactImportFormatsTest {

    @Test
    void quotedFieldsKeepTheirCommasLineBreaksAndDoubledQuotes() {
        var run = csv("phone_number,crm_id,notes\n"
                + "+14155551234,C1,\"Prefers mornings, not Fridays\"\n"
                + "+14155551235,C2,\"Line one\nline two\"\n"
                + "+14155551236,C3,\"She said \"\"call me\"\"\"\n"
                + "+14155551237,C4,plain\n");
        assertThat(run.accepted()).extracting(ContactRowChecker.Accepted::variablesJson).containsExactly(
                "{\"notes\":\"Prefers mornings, not Fridays\"}",
                "{\"notes\":\"Line one\\nline two\"}",
                "{\"notes\":\"She said \\\"call me\\\"\"}",
                "{\"notes\":\"plain\"}");
        // The quoted line break makes row 3 start on line 3 and row 4 on line 5.
        assertThat(run.accepted()).extracting(ContactRowChecker.Accepted::rowNumber).containsExactly(2, 3, 4, 5);
    }

    @Test
    void crlfLineEndingsAndAByteOrderMarkAreRead() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "Phone Number,CRM_ID,First Name\r\n+14155551234,C1,Ann\r\n+14155551235,C2,Bob\r\n"
                .getBytes(StandardCharsets.UTF_8);
        var run = ImportFixture.bytes(concat(bom, body));
        assertThat(run.columns()).containsExactly("phone_number", "crm_id", "first_name");
        assertThat(run.accepted()).extracting(ContactRowChecker.Accepted::name).containsExactly("Ann", "Bob");
        assertThat(run.format()).contains("UTF-8 with byte-order mark");
    }

    @Test
    void windows1252IsDetectedWhenTheFileIsNotUtf8() {
        byte[] body = "phone_number;crm_id;name\n+14155551234;C1;José Núñez\n".getBytes(Charset.forName("windows-1252"));
        var run = ImportFixture.bytes(body);
        assertThat(run.accepted().getFirst().name()).isEqualTo("José Núñez");
        assertThat(run.format()).contains("Windows-1252").contains("semicolons");
    }

    @Test
    void semicolonsAndTabsAreDetectedAsSeparators() {
        var semicolons = csv("phone_number;crm_id;city\n+14155551234;C1;Paris, France\n");
        assertThat(semicolons.accepted().getFirst().variablesJson()).isEqualTo("{\"city\":\"Paris, France\"}");
        var tabs = csv("phone_number\tcrm_id\tcity\n+14155551234\tC1\tLyon; France\n");
        assertThat(tabs.accepted().getFirst().variablesJson()).isEqualTo("{\"city\":\"Lyon; France\"}");
        assertThat(tabs.format()).contains("tabs");
    }

    @Test
    void headersAreTrimmedLowerCasedAndSpacesBecomeUnderscores() {
        assertThat(ContactHeader.normalize("  Appointment   Type ")).isEqualTo("appointment_type");
        var run = csv(" PHONE_NUMBER , Crm Id ,Callback Time\n4155551234,C1,2024-01-15 14:00\n");
        assertThat(run.columns()).containsExactly("phone_number", "crm_id", "callback_time");
        assertThat(run.accepted().getFirst().variablesJson()).isEqualTo("{\"callback_time\":\"2024-01-15 14:00\"}");
    }

    @Test
    void missingRequiredColumnsAreNamedWithTheColumnsFound() {
        assertThatThrownBy(() -> csv("Phone,Name\n4155551234,Ann\n")).isInstanceOf(ImportProblem.class)
                .hasMessage("Missing required columns: phone_number, crm_id. Found columns: phone, name. The first row "
                        + "must name the columns; phone_number and crm_id are required (case and spaces do not matter), "
                        + "every other column becomes a variable for the agent.");
    }

    @Test
    void numbersAreNormalizedToE164InTheOrganizationsRegion() {
        var run = csv("phone_number,crm_id\n(415) 555-1234,A\n415-555-1235,B\n4155551236,C\n447700123456,D\n"
                + "+44 7700 123457,E\n1 415 555 1237,F\n");
        assertThat(run.rejections()).isEmpty();
        assertThat(run.accepted()).extracting(ContactRowChecker.Accepted::phoneNumber).containsExactly(
                "+14155551234", "+14155551235", "+14155551236", "+447700123456", "+447700123457", "+14155551237");
    }

    @Test
    void testPatternsAndInvalidNumbersAreRejectedWithTheReason() {
        var run = csv("phone_number,crm_id\n+15551234567,A\n+11235551234,B\n(212) 555-0123,C\nnot a number,D\n"
                + "+19995551234,E\n,F\n");
        assertThat(run.accepted()).isEmpty();
        assertThat(run.rejectionOfRow(2).reason()).isEqualTo(
                "is a test number, not a real one: +15551234567 has area code 555, which no real number has");
        assertThat(run.rejectionOfRow(3).reason()).contains("has area code 123");
        assertThat(run.rejectionOfRow(4).reason()).contains("+12125550123 is in 555-0100 to 555-0199, reserved for fiction");
        assertThat(run.rejectionOfRow(5).reason()).startsWith("is not a phone number");
        assertThat(run.rejectionOfRow(6).reason()).startsWith("is not a valid number: +19995551234");
        assertThat(run.rejectionOfRow(7).reason()).isEqualTo("is empty: every row needs a phone number");
        assertThat(run.rejectionOfRow(2).column()).isEqualTo("phone_number");
        assertThat(run.rejectionOfRow(2).value()).isEqualTo("+15551234567");
        assertThat(run.counts().rejected()).isEqualTo(6);
    }

    @Test
    void duplicatesWithinAListAreReportedWithTheFirstRow() {
        var run = csv("phone_number,crm_id\n+14155551234,A\n(415) 555-1234,B\n+14155551235,C\n");
        assertThat(run.accepted()).hasSize(2);
        assertThat(run.counts().duplicates()).isEqualTo(1);
        assertThat(run.rejectionOfRow(3).reason()).isEqualTo("is a duplicate: row 2 already has +14155551234");
    }

    @Test
    void emptyRowsAreSkippedAndNothingElseIsDropped() {
        var run = csv("phone_number,crm_id,name\n\n+14155551234,A,Ann\n,,\n+14155551235,,Bob\n+14155551236,C,Cy,extra\n");
        assertThat(run.counts().total()).isEqualTo(3);
        assertThat(run.counts().accepted() + run.counts().rejected()).isEqualTo(run.counts().total());
        assertThat(run.rejectionOfRow(5).reason()).isEqualTo("is empty: every row needs the contact's CRM id");
        assertThat(run.rejectionOfRow(6).reason()).startsWith("has 4 values but the header names 3 columns");
    }

    @Test
    void xlsxWorkbooksAreStreamedWithSharedInlineAndNumericCells() throws Exception {
        byte[] workbook = ImportFixture.xlsx(List.of(
                List.of("s:Phone Number", "s:CRM ID", "i:Name", "s:Amount"),
                List.of("n:4155551234", "s:C1", "i:Ann & Bo", "n:12.50"),
                List.of("n:4.155551235E9", "n:1001", "s:José", "n:3"),
                Arrays.asList("s:+44 7700 123456", "s:C3", null, "n:1E3")));
        var run = ImportFixture.bytes(workbook);
        assertThat(run.format()).contains("Excel workbook");
        assertThat(run.columns()).containsExactly("phone_number", "crm_id", "name", "amount");
        assertThat(run.accepted()).extracting(ContactRowChecker.Accepted::phoneNumber)
                .containsExactly("+14155551234", "+14155551235", "+447700123456");
        assertThat(run.accepted()).extracting(ContactRowChecker.Accepted::crmId).containsExactly("C1", "1001", "C3");
        assertThat(run.accepted().get(0).variablesJson()).isEqualTo("{\"name\":\"Ann & Bo\",\"amount\":\"12.5\"}");
        assertThat(run.accepted().get(1).name()).isEqualTo("José");
        assertThat(run.accepted().get(2).variablesJson()).isEqualTo("{\"name\":\"\",\"amount\":\"1000\"}");
    }

    @Test
    void malformedFilesGetAClearReport() {
        assertThatThrownBy(() -> ImportFixture.bytes(new byte[0])).isInstanceOf(ImportProblem.class)
                .hasMessageStartingWith("The file is empty (0 bytes).");
        assertThatThrownBy(() -> csv("phone_number,crm_id\n")).isInstanceOf(ImportProblem.class)
                .hasMessageStartingWith("The file has its header row but no contacts below it.");
        assertThatThrownBy(() -> csv("phone_number,crm_id\n+14155551234,\"C1\n+14155551235,C2\n"))
                .isInstanceOf(ImportProblem.class).hasMessageContaining("quote");
        byte[] garbage = new byte[4096];
        new java.util.Random(3).nextBytes(garbage);
        assertThatThrownBy(() -> ImportFixture.bytes(garbage)).isInstanceOf(ImportProblem.class)
                .hasMessageStartingWith("The file is not a CSV or XLSX file: it contains binary data.");
        String wide = "phone_number,crm_id," + String.join(",", java.util.Collections.nCopies(9_998, "x")) + "\n";
        assertThatThrownBy(() -> csv(wide)).isInstanceOf(ImportProblem.class)
                .hasMessageStartingWith("The header row has 10,000 columns; at most 500 are supported.");
        String hugeField = "phone_number,crm_id,notes\n+14155551234,C1,\"" + "x".repeat(10 * 1024 * 1024) + "\"\n";
        assertThatThrownBy(() -> csv(hugeField)).isInstanceOf(ImportProblem.class)
                .hasMessageContaining("is longer than 1,048,576 characters");
        byte[] notAWorkbook = {'P', 'K', 3, 4, 1, 2, 3};
        assertThatThrownBy(() -> ImportFixture.bytes(notAWorkbook)).isInstanceOf(ImportProblem.class)
                .hasMessageStartingWith("The file looks like an Excel workbook but cannot be opened");
    }

    @Test
    void overLongValuesRejectTheirRowAndRejectedValuesAreCut() {
        var run = csv("phone_number,crm_id,notes\n+14155551234,C1," + "y".repeat(1500) + "\n");
        var rejection = run.rejectionOfRow(2);
        assertThat(rejection.column()).isEqualTo("notes");
        assertThat(rejection.reason()).isEqualTo("is longer than 1,000 characters");
        assertThat(rejection.value()).hasSize(200).endsWith("…");
    }

    /** Reading a list checks each US NPA-NXX once; that is exact only while the metadata is that coarse. */
    @Test
    void usNumberValidityIsDecidedByTheFirstSixDigits() {
        var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        java.util.Random random = new java.util.Random(7);
        for (int prefix = 200_000; prefix < 1_000_000; prefix += 1 + random.nextInt(200)) {
            Boolean first = null;
            for (int i = 0; i < 3; i++) {
                var number = new com.google.i18n.phonenumbers.Phonenumber.PhoneNumber().setCountryCode(1)
                        .setNationalNumber(prefix * 10_000L + random.nextInt(10_000));
                boolean valid = util.isValidNumberForRegion(number, "US");
                if (first == null) {
                    first = valid;
                }
                assertThat(valid).as("prefix %d", prefix).isEqualTo(first);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
