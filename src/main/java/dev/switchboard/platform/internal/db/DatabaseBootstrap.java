package dev.switchboard.platform.internal.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Gets the database ready before the runtime pool opens: creates it when missing, then
 * migrates it as the owner. Migrations also create the runtime role and grant it rights on
 * what they create.
 */
final class DatabaseBootstrap {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?");

    private DatabaseBootstrap() {
    }

    static void createDatabaseIfMissing(String url, String username, String password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("switchboard.db.url (SWITCHBOARD_DB_URL) must name a database, "
                    + "as in jdbc:postgresql://localhost:5432/switchboard, but was '" + url + "'");
        }
        String database = m.group(2);
        String maintenance = "jdbc:postgresql://" + m.group(1) + "/postgres" + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(maintenance, credentials(username, password))) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                // 42P04: another node created it at the same moment.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reach PostgreSQL at " + url + " as user '" + username
                    + "' to create the database (check SWITCHBOARD_DB_URL, SWITCHBOARD_DB_USERNAME and "
                    + "SWITCHBOARD_DB_PASSWORD): " + e.getMessage(), e);
        }
    }

    static void migrate(String url, String username, String password, String appRole) {
        SimpleDriverDataSource owner = new SimpleDriverDataSource(new org.postgresql.Driver(), url, username, password);
        Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .placeholders(java.util.Map.of("app_role", appRole))
                .load()
                .migrate();
    }

    private static Properties credentials(String username, String password) {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", password);
        return p;
    }
}
