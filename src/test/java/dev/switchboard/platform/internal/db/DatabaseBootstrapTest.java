package dev.switchboard.platform.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DatabaseBootstrapTest {

    @Test
    void createsAMissingDatabaseAndMigratesIt() throws Exception {
        TestDatabase server = TestDatabase.create();
        String missing = server.url().replace(server.name(), server.name() + "_new");
        try {
            DatabaseBootstrap.createDatabaseIfMissing(missing, "postgres", "");
            DatabaseBootstrap.createDatabaseIfMissing(missing, "postgres", "");
            DatabaseBootstrap.migrate(missing, "postgres", "", "switchboard_app");
            try (Connection c = DriverManager.getConnection(missing, "postgres", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from flyway_schema_history where success")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(server.url(), "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + server.name() + "_new with (force)");
            }
        }
    }

    @Test
    void anUnreachableServerFailsWithAMessageNamingTheSettings() {
        assertThatThrownBy(() -> DatabaseBootstrap.createDatabaseIfMissing(
                "jdbc:postgresql://127.0.0.1:1/switchboard?connectTimeout=1", "postgres", ""))
                .hasMessageContaining("SWITCHBOARD_DB_URL");
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DatabaseSettings("mysql://x", null, null, null, null, null, null))
                .hasMessageContaining("SWITCHBOARD_DB_URL");
        assertThatThrownBy(() -> new DatabaseSettings("", null, null, "Robert'); drop", null, null, null))
                .hasMessageContaining("SWITCHBOARD_DB_APP_ROLE");
        assertThatThrownBy(() -> new DatabaseSettings("", null, null, null, 70000, null, null))
                .hasMessageContaining("SWITCHBOARD_DB_EMBEDDED_PORT");
    }

    @Test
    void embeddedDatabaseKeepsItsDataAcrossRestarts() throws Exception {
        Path dir = Files.createTempDirectory("switchboard-embedded");
        int port = 20000 + (int) (Math.random() * 20000);
        String marker = UUID.randomUUID().toString();
        DatabaseSettings settings = new DatabaseSettings("", null, null, null, port, dir, 2);
        try (ManagedDatabase first = ManagedDatabase.open(settings);
             Connection c = DriverManager.getConnection(first.url(), first.username(), first.password());
             Statement s = c.createStatement()) {
            s.execute("create table restart_marker (value text)");
            s.execute("insert into restart_marker values ('" + marker + "')");
        }
        try (ManagedDatabase second = ManagedDatabase.open(settings);
             Connection c = DriverManager.getConnection(second.url(), second.username(), second.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select value from restart_marker")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(marker);
        }
    }
}
