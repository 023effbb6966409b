package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves row-level security for every tenant table, found in the catalog so that a table added
 * later is covered without touching this test: no context sees nothing; organization A can
 * neither read, change nor delete organization B's rows, nor write rows in B's name.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

    @Autowired TestDatabase database;
    @Autowired DataSource appDataSource;
    @Autowired JdbcClient app;
    @Autowired TransactionTemplate tx;

    private final UUID orgA = UUID.randomUUID();
    private final UUID orgB = UUID.randomUUID();
    private List<String> tenantTables;

    @BeforeAll
    void seedTwoOrganizationsInEveryTenantTable() {
        // One connection: session_replication_role must hold across the inserts below.
        org.springframework.jdbc.datasource.SingleConnectionDataSource connection = database.singleOwnerConnection();
        JdbcClient owner = JdbcClient.create(connection);
        owner.sql("insert into organizations (id, name) values (?, 'Isolation A'), (?, 'Isolation B')")
                .params(orgA, orgB).update();
        tenantTables = owner.sql("""
                select c.table_name from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.table_schema = 'public' and c.column_name = 'organization_id' and t.table_type = 'BASE TABLE'
                 order by c.table_name""").query(String.class).list();
        owner.sql("set session_replication_role = replica").update();
        for (String table : tenantTables) {
            for (UUID org : List.of(orgA, orgB)) {
                String insert = insertFor(owner, table);
                try {
                    owner.sql(insert).param("org", org).update();
                } catch (DataAccessException e) {
                    fail("Could not make a sample row for tenant table '" + table + "' with: " + insert
                            + "\nTeach insertFor() the column that needs a particular value. Cause: " + e.getMessage());
                }
            }
        }
        owner.sql("set session_replication_role = origin").update();
        connection.destroy();
    }

    @Test
    void tenantTablesAreFoundInTheCatalog() {
        assertThat(tenantTables).contains("memberships", "api_keys", "invitations", "audit_events");
    }

    @TestFactory
    Stream<DynamicTest> everyTenantTableRequiresItsOrganization() {
        return tenantTables.stream().map(table -> DynamicTest.dynamicTest(table, () -> {
            String nullable = database.owner().sql("select is_nullable from information_schema.columns "
                    + "where table_schema = 'public' and table_name = ? and column_name = 'organization_id'")
                    .param(table).query(String.class).single();
            assertThat(nullable).as(table + ".organization_id must be not null").isEqualTo("NO");
        }));
    }

    @Test
    void runtimeRoleOwnsNothingAndCannotBypassRowLevelSecurity() {
        Map<String, Object> role = tx.execute(s -> app.sql(
                "select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user")
                .query().singleRow());
        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false);
        Long owned = database.owner().sql("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner "
                + "where r.rolname = ? and c.relnamespace = 'public'::regnamespace").param(role.get("name")).query(Long.class).single();
        assertThat(owned).isZero();
    }

    @TestFactory
    Stream<DynamicTest> everyTenantTableHasForcedRowLevelSecurity() {
        return tenantTables.stream().map(table -> DynamicTest.dynamicTest(table, () -> {
            Map<String, Object> flags = database.owner().sql(
                    "select relrowsecurity, relforcerowsecurity from pg_class where oid = ?::regclass")
                    .param(table).query().singleRow();
            assertThat(flags).as(table).containsEntry("relrowsecurity", true).containsEntry("relforcerowsecurity", true);
        }));
    }

    @TestFactory
    Stream<DynamicTest> withoutAnOrganizationNoRowIsVisible() {
        return tenantTables.stream().map(table -> DynamicTest.dynamicTest(table, () -> {
            Long seen = tx.execute(s -> app.sql("select count(*) from " + table).query(Long.class).single());
            assertThat(seen).as(table).isZero();
        }));
    }

    @TestFactory
    Stream<DynamicTest> organizationSeesOnlyItsOwnRows() {
        return tenantTables.stream().map(table -> DynamicTest.dynamicTest(table, () -> {
            List<UUID> visible = TenantScope.callAs(orgA, () -> tx.execute(s ->
                    app.sql("select distinct organization_id from " + table).query(UUID.class).list()));
            assertThat(visible).as(table).containsExactly(orgA);
        }));
    }

    @TestFactory
    Stream<DynamicTest> organizationCannotUpdateOrDeleteAnothersRows() {
        return tenantTables.stream().map(table -> DynamicTest.dynamicTest(table, () -> {
            int changed = TenantScope.callAs(orgA, () -> tx.execute(s -> app.sql(
                    "update " + table + " set organization_id = organization_id where organization_id = ?")
                    .param(orgB).update()));
            int deleted = TenantScope.callAs(orgA, () -> tx.execute(s -> app.sql(
                    "delete from " + table + " where organization_id = ?").param(orgB).update()));
            assertThatThrownBy(() -> TenantScope.callAs(orgA, () -> tx.execute(s -> app.sql(
                    "update " + table + " set organization_id = ? where organization_id = ?").params(orgB, orgA).update())))
                    .as("moving A's rows of " + table + " to B")
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
            assertThat(changed).as("rows of B updated through " + table).isZero();
            assertThat(deleted).as("rows of B deleted through " + table).isZero();
            Long stillThere = database.owner().sql("select count(*) from " + table + " where organization_id = ?")
                    .param(orgB).query(Long.class).single();
            assertThat(stillThere).as(table).isPositive();
        }));
    }

    @TestFactory
    Stream<DynamicTest> organizationCannotInsertRowsInAnothersName() {
        return tenantTables.stream().map(table -> DynamicTest.dynamicTest(table, () -> {
            String insert = insertFor(database.owner(), table);
            assertThatThrownBy(() -> TenantScope.runAs(orgA, () -> tx.executeWithoutResult(s -> {
                Connection c = DataSourceUtils.getConnection(appDataSource);
                app.sql(insert).param("org", orgB).update();
                DataSourceUtils.releaseConnection(c, appDataSource);
            }))).as(table).hasRootCauseInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(sqlState(e)).as("SQL state for " + table).isEqualTo("42501"));
        }));
    }

    @Test
    void organizationsTableShowsOnlyTheOrganizationInScope() {
        List<UUID> seen = TenantScope.callAs(orgA, () -> tx.execute(s ->
                app.sql("select id from organizations").query(UUID.class).list()));
        assertThat(seen).containsExactly(orgA);
        int renamed = TenantScope.callAs(orgA, () -> tx.execute(s ->
                app.sql("update organizations set name = 'taken' where id = ?").param(orgB).update()));
        assertThat(renamed).isZero();
        Long none = tx.execute(s -> app.sql("select count(*) from organizations").query(Long.class).single());
        assertThat(none).isZero();
    }

    @Test
    void crossOrganizationReadSeesEveryOrganizationButCannotWrite() {
        List<UUID> seen = TenantScope.readAcrossOrganizations(() -> tx.execute(s ->
                app.sql("select id from organizations where id in (?, ?)").params(orgA, orgB).query(UUID.class).list()));
        assertThat(seen).containsExactlyInAnyOrder(orgA, orgB);
        assertThatThrownBy(() -> TenantScope.readAcrossOrganizations(() -> tx.execute(s ->
                app.sql("update organizations set name = 'x' where id = ?").param(orgB).update())))
                .isInstanceOf(DataAccessException.class);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static final Pattern FIRST_ALLOWED = Pattern.compile("'([^']*)'");

    /** An insert of one plausible row with {@code :org} as its organization. */
    static String insertFor(JdbcClient owner, String table) {
        List<Map<String, Object>> columns = owner.sql("""
                select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
                       (select pg_get_constraintdef(k.oid) from pg_constraint k
                         where k.conrelid = a.attrelid and k.contype = 'c' and k.conkey = array[a.attnum]
                         limit 1) as check_def
                  from pg_attribute a
                 where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped
                   and a.attnotnull and a.attgenerated = '' and a.attidentity = ''
                   and not exists (select 1 from pg_attrdef d where d.adrelid = a.attrelid and d.adnum = a.attnum)
                 order by a.attnum""").param(table).query().listOfRows();
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String name = (String) column.get("name");
            String type = (String) column.get("type");
            String check = (String) column.get("check_def");
            names.add(name);
            if (name.equals("organization_id")) {
                values.add(":org");
                continue;
            }
            if (check != null && check.contains("\\+[1-9]")) { // an E.164 number
                values.add("'+1415' || lpad((random() * 9999999)::int::text, 7, '0')");
                continue;
            }
            if (check != null && (check.contains("ANY") || check.contains(" IN "))) {
                Matcher m = FIRST_ALLOWED.matcher(check);
                if (m.find()) {
                    values.add("'" + m.group(1) + "'");
                    continue;
                }
            }
            values.add(switch (type) {
                case "uuid" -> "gen_random_uuid()";
                case "bytea" -> "decode(md5(random()::text || clock_timestamp()::text), 'hex')";
                case "integer", "bigint", "smallint", "double precision", "real" -> "1";
                case "boolean" -> "false";
                case "jsonb", "json" -> "'{}'";
                case "timestamp with time zone", "timestamp without time zone" -> "now()";
                case "date" -> "current_date";
                case "text[]" -> "'{}'";
                default -> type.startsWith("numeric") ? "1"
                        : type.startsWith("character varying") || type.equals("text") ? "'sample-' || md5(random()::text)"
                        : "'sample'";
            });
        }
        return "insert into " + table + " (" + String.join(", ", names) + ") values (" + String.join(", ", values) + ")";
    }
}
