package dev.switchboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.zaxxer.hikari.HikariConfig;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A real PostgreSQL server for tests: the one named by {@code SWITCHBOARD_TEST_DB_URL}, else the
 * machine's service on 127.0.0.1:5432, else an embedded server started for this JVM. Every
 * caller gets a database of its own, dropped when the JVM exits.
 */
public final class TestDatabase {

    private static final String SUPERUSER = "postgres";
    private static volatile String serverUrl;
    private static EmbeddedPostgres embedded;

    private final String name;
    private final String url;
    private HikariDataSource ownerPool;

    private TestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** Creates a fresh, empty database. */
    public static TestDatabase create() {
        String server = server();
        String name = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        execute(server + "postgres", "create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(server + "postgres", "drop database if exists " + name + " with (force)");
            } catch (RuntimeException ignored) {
                // the server may already be gone
            }
        }));
        return new TestDatabase(name, server + name);
    }

    public String name() {
        return name;
    }

    /** JDBC url of this database. */
    public String url() {
        return url;
    }

    public String username() {
        return SUPERUSER;
    }

    /** A client connected as the superuser (the schema owner), bypassing row-level security. */
    public JdbcClient owner() {
        return JdbcClient.create(ownerDataSource());
    }

    /**
     * One dedicated superuser connection, for work that needs session settings to persist
     * between statements; the caller closes it with {@code destroy()}.
     */
    public SingleConnectionDataSource singleOwnerConnection() {
        return new SingleConnectionDataSource(url, SUPERUSER, "", true);
    }

    /** A small pool of superuser connections to this database, shared by every caller. */
    public synchronized DataSource ownerDataSource() {
        if (ownerPool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(SUPERUSER);
            config.setPassword("");
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(0);
            config.setPoolName("test-owner-" + name);
            ownerPool = new HikariDataSource(config);
        }
        return ownerPool;
    }

    private static synchronized String server() {
        if (serverUrl != null) {
            return serverUrl;
        }
        String configured = System.getenv("SWITCHBOARD_TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            serverUrl = configured.endsWith("/") ? configured : configured + "/";
            return serverUrl;
        }
        String local = "jdbc:postgresql://127.0.0.1:5432/";
        try (Connection ignored = DriverManager.getConnection(local + "postgres?connectTimeout=2", SUPERUSER, "")) {
            serverUrl = local;
            return serverUrl;
        } catch (SQLException notRunning) {
            try {
                embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("switchboard-test-pg"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "300")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // best effort
                    }
                }));
                serverUrl = "jdbc:postgresql://localhost:" + embedded.getPort() + "/";
                return serverUrl;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, SUPERUSER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
