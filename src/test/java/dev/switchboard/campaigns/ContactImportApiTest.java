package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Uploading a contact list through the API, its background import and its validation report. */
@SwitchboardTest
class ContactImportApiTest {

    private static final String LEADS = """
            Phone Number,CRM ID,Customer Name,Appointment Type
            (415) 555-1234,CRM1,Ann Lee,Consultation
            +15551234567,CRM2,Test Person,Follow-up
            415-555-1234,CRM3,Ann Again,Consultation

            +14155550123,CRM4,Fiction,Follow-up
            4155551299,,No Id,Consultation
            +14155551300,CRM6,"Dee, Jr.","Line one
            line two"
            """;

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ContactLists contactLists;
    @Autowired DataSource dataSource;
    @Autowired TransactionTemplate tx;
    Api api;
    ContactListFixture fixture;
    Api.Account admin;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        fixture = new ContactListFixture(mvc);
        admin = api.signUp("Contacts Co");
    }

    @Test
    void anUploadIsImportedInTheBackgroundWithAReportOfEveryRow() throws Exception {
        Api.json(api.perform(post("/api/v1/do-not-call").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("phoneNumber", "+14155551300", "reason", "asked by mail")))), 201);
        var upload = fixture.upload(admin, "march.csv", LEADS.getBytes(StandardCharsets.UTF_8), "March leads");
        JsonNode accepted = Api.json(upload, 202);
        UUID id = UUID.fromString(accepted.get("list").get("id").asString());
        assertThat(upload.getResponse().getHeader("Location")).isEqualTo("/api/v1/contact-lists/" + id);
        assertThat(accepted.get("statusUrl").asString()).isEqualTo("/api/v1/contact-lists/" + id);
        assertThat(accepted.get("list").get("status").asString()).isEqualTo("uploaded");

        JsonNode list = fixture.awaitEnd(admin, id);
        assertThat(list.get("status").asString()).isEqualTo("ready");
        assertThat(list.get("name").asString()).isEqualTo("March leads");
        assertThat(list.get("fileName").asString()).isEqualTo("march.csv");
        assertThat(list.get("totalCount").asInt()).isEqualTo(6);
        assertThat(list.get("acceptedCount").asInt()).isEqualTo(2);
        assertThat(list.get("rejectedCount").asInt()).isEqualTo(4);
        assertThat(list.get("duplicateCount").asInt()).isEqualTo(1);
        assertThat(list.get("doNotCallCount").asInt()).isEqualTo(1);
        assertThat(list.get("rowsRead").asLong()).isEqualTo(7);
        assertThat(list.get("columns").valueStream().map(JsonNode::asString).toList())
                .containsExactly("phone_number", "crm_id", "customer_name", "appointment_type");

        JsonNode first = Api.json(api.perform(get("/api/v1/contact-lists/" + id + "/rejections?limit=2").with(admin.bearer())), 200);
        assertThat(first.get("items").get(0).get("rowNumber").asInt()).isEqualTo(3);
        assertThat(first.get("items").get(0).get("column").asString()).isEqualTo("phone_number");
        assertThat(first.get("items").get(0).get("reason").asString()).contains("+15551234567 has area code 555");
        assertThat(first.get("items").get(1).get("reason").asString()).isEqualTo("is a duplicate: row 2 already has +14155551234");
        JsonNode second = Api.json(api.perform(get("/api/v1/contact-lists/" + id + "/rejections?limit=2&cursor="
                + first.get("nextCursor").asString()).with(admin.bearer())), 200);
        assertThat(second.get("items").valueStream().map(r -> r.get("rowNumber").asInt()).toList()).containsExactly(6, 7);
        assertThat(second.get("nextCursor")).isNull();

        var csv = api.perform(get("/api/v1/contact-lists/" + id + "/rejections.csv").with(admin.bearer()));
        assertThat(csv.getResponse().getStatus()).isEqualTo(200);
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        String report = csv.getResponse().getContentAsString();
        assertThat(report.lines().toList()).hasSize(5).first().isEqualTo("row,line,column,value,reason");
        assertThat(report).contains("7,7,crm_id,,is empty: every row needs the contact's CRM id");

        JsonNode contacts = Api.json(api.perform(get("/api/v1/contact-lists/" + id + "/contacts?limit=1").with(admin.bearer())), 200);
        JsonNode ann = contacts.get("items").get(0);
        assertThat(ann.get("phoneNumber").asString()).isEqualTo("+14155551234");
        assertThat(ann.get("crmId").asString()).isEqualTo("CRM1");
        assertThat(ann.get("name").asString()).isEqualTo("Ann Lee");
        assertThat(ann.get("variables").get("appointment_type").asString()).isEqualTo("Consultation");
        assertThat(ann.get("doNotCall").asBoolean()).isFalse();
        JsonNode next = Api.json(api.perform(get("/api/v1/contact-lists/" + id + "/contacts?cursor="
                + contacts.get("nextCursor").asString()).with(admin.bearer())), 200);
        JsonNode dee = next.get("items").get(0);
        assertThat(dee.get("variables").get("appointment_type").asString()).isEqualTo("Line one\nline two");
        assertThat(dee.get("doNotCall").asBoolean()).isTrue();

        List<ContactLists.Contact> forDialer = TenantScope.callAs(admin.organizationId(),
                () -> contactLists.contacts(admin.organizationId(), id, 0, 10));
        assertThat(forDialer).extracting(ContactLists.Contact::rowNumber).containsExactly(2, 8);
        assertThat(forDialer.get(1).name()).isEqualTo("Dee, Jr.");
        assertThat(TenantScope.callAs(admin.organizationId(), () -> contactLists.contacts(admin.organizationId(), id, 2, 10)))
                .extracting(ContactLists.Contact::rowNumber).containsExactly(8);
        assertThat(database.owner().sql("select count(*) from audit_events where organization_id = ? "
                + "and action = 'contact_list.uploaded' and target_id = ?").params(admin.organizationId(), id.toString())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anXlsxWorkbookIsImported() {
        byte[] workbook = dev.switchboard.campaigns.internal.contacts.ContactImportWorkbooks.simple();
        UUID id = UUID.fromString(Api.json(fixture.upload(admin, "book.xlsx", workbook, null), 202)
                .get("list").get("id").asString());
        JsonNode list = fixture.awaitEnd(admin, id);
        assertThat(list.get("status").asString()).isEqualTo("ready");
        assertThat(list.get("name").asString()).isEqualTo("book");
        assertThat(list.get("acceptedCount").asInt()).isEqualTo(2);
    }

    @Test
    void aFileThatCannotBeImportedFailsWithAClearReport() {
        JsonNode onlyHeader = fixture.awaitEnd(admin, fixture.imported(admin, "phone_number,crm_id\n"));
        assertThat(onlyHeader.get("status").asString()).isEqualTo("failed");
        assertThat(onlyHeader.get("error").asString()).startsWith("The file has its header row but no contacts below it.");
        JsonNode wrongHeader = fixture.awaitEnd(admin, fixture.imported(admin, "Phone,Name\n4155551234,Ann\n"));
        assertThat(wrongHeader.get("error").asString()).startsWith(
                "Missing required columns: phone_number, crm_id. Found columns: phone, name.");
        JsonNode broken = fixture.awaitEnd(admin, fixture.imported(admin, "phone_number,crm_id\n+14155551234,\"C1\n"));
        assertThat(broken.get("status").asString()).isEqualTo("failed");
        assertThat(broken.get("acceptedCount").asInt()).isZero();

        JsonNode empty = Api.json(fixture.upload(admin, "empty.csv", new byte[0], "Empty"), 422);
        assertThat(empty.get("errors").get(0).get("field").asString()).isEqualTo("file");
        JsonNode xls = Api.json(fixture.upload(admin, "old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1},
                "Old"), 422);
        assertThat(xls.get("detail").asString()).contains("Excel 97-2003 workbook (.xls)");
        JsonNode noFile = Api.json(fixture.send(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/api/v1/contact-lists").param("name", "x").with(admin.bearer())), 422);
        assertThat(noFile.get("errors").get(0).get("message").asString()).startsWith("is required");
    }

    @Test
    void listsArePagedNewestFirstAndCanBeDeleted() {
        UUID older = fixture.imported(admin, "phone_number,crm_id\n4155551234,A\n");
        UUID newer = fixture.imported(admin, "phone_number,crm_id\n4155551235,B\n");
        JsonNode page = Api.json(api.perform(get("/api/v1/contact-lists?limit=1").with(admin.bearer())), 200);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(newer.toString());
        JsonNode rest = Api.json(api.perform(get("/api/v1/contact-lists?limit=1&cursor=" + page.get("nextCursor").asString())
                .with(admin.bearer())), 200);
        assertThat(rest.get("items").get(0).get("id").asString()).isEqualTo(older.toString());

        assertThat(api.perform(delete("/api/v1/contact-lists/" + older).with(admin.bearer())).getResponse().getStatus())
                .isEqualTo(204);
        Api.json(api.perform(get("/api/v1/contact-lists/" + older).with(admin.bearer())), 404);
        assertThat(database.owner().sql("select count(*) from contacts where contact_list_id = ?").param(older)
                .query(Integer.class).single()).isZero();
        assertThat(database.owner().sql("select count(*) from audit_events where organization_id = ? "
                + "and action = 'contact_list.deleted'").param(admin.organizationId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anotherOrganizationSeesNoneOfTheListsOnAnyEndpoint() {
        UUID id = fixture.imported(admin, "phone_number,crm_id\n4155551234,A\n+15551234567,B\n");
        Api.Account other = api.signUp("Other Contacts Co");
        for (String path : List.of("", "/rejections", "/rejections.csv", "/contacts")) {
            assertThat(api.perform(get("/api/v1/contact-lists/" + id + path).with(other.bearer())).getResponse().getStatus())
                    .as(path).isEqualTo(404);
        }
        Api.json(api.perform(delete("/api/v1/contact-lists/" + id).with(other.bearer())), 404);
        assertThat(Api.json(api.perform(get("/api/v1/contact-lists").with(other.bearer())), 200).get("items")).isEmpty();
        assertThat(TenantScope.callAs(other.organizationId(), () -> contactLists.find(other.organizationId(), id))).isEmpty();
        assertThat(TenantScope.callAs(other.organizationId(), () -> contactLists.contacts(admin.organizationId(), id, 0, 10)))
                .isEmpty();
        assertThat(Api.json(api.perform(get("/api/v1/contact-lists/" + id).with(admin.bearer())), 200)
                .get("list").get("acceptedCount").asInt()).isEqualTo(1);
    }

    /**
     * PostgreSQL refuses COPY FROM into a table under row-level security for the application's
     * role, which is why the import copies into a temporary table and inserts from there.
     */
    @Test
    void copyIntoTenantTablesIsRefusedSoRowLevelSecurityAlwaysApplies() {
        assertThatThrownBy(() -> TenantScope.runAs(admin.organizationId(), () -> tx.executeWithoutResult(s -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy do_not_call (organization_id, phone_number, "
                        + "source) from stdin", new StringReader(UUID.randomUUID() + "\t+14155551234\tmanual\n"));
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }))).hasMessageContaining("row-level security");
    }
}
