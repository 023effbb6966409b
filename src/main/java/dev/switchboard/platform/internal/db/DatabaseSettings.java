package dev.switchboard.platform.internal.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. With no {@code url} Switchboard starts an embedded PostgreSQL whose
 * data lives under {@code dataDirectory}; with a url it uses that server, creating the database
 * when it does not exist.
 *
 * @param url            JDBC url of an external PostgreSQL, blank for the embedded one
 * @param username       the schema owner used for migrations (and, through {@code SET ROLE},
 *                       to reach the runtime role)
 * @param password       the owner's password
 * @param appRole        the runtime role: owns nothing, has no BYPASSRLS
 * @param embeddedPort   port of the embedded PostgreSQL
 * @param dataDirectory  folder of the embedded PostgreSQL's data
 * @param poolSize       connections in the runtime pool
 */
@ConfigurationProperties("switchboard.db")
public record DatabaseSettings(
        String url,
        String username,
        String password,
        String appRole,
        Integer embeddedPort,
        Path dataDirectory,
        Integer poolSize) {

    public DatabaseSettings {
        url = url == null ? "" : url.trim();
        username = blankTo(username, "postgres");
        password = password == null ? "" : password;
        appRole = blankTo(appRole, "switchboard_app");
        embeddedPort = embeddedPort == null ? 54329 : embeddedPort;
        dataDirectory = dataDirectory == null ? Path.of("data", "postgres") : dataDirectory;
        poolSize = poolSize == null ? 10 : poolSize;
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "switchboard.db.url (SWITCHBOARD_DB_URL) must be a PostgreSQL JDBC url such as "
                            + "jdbc:postgresql://localhost:5432/switchboard, but was '" + url + "'");
        }
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "switchboard.db.app-role (SWITCHBOARD_DB_APP_ROLE) must be a plain lower-case "
                            + "PostgreSQL role name, but was '" + appRole + "'");
        }
        if (embeddedPort < 1 || embeddedPort > 65535) {
            throw new IllegalArgumentException(
                    "switchboard.db.embedded-port (SWITCHBOARD_DB_EMBEDDED_PORT) must be a port "
                            + "between 1 and 65535, but was " + embeddedPort);
        }
        if (poolSize < 1 || poolSize > 500) {
            throw new IllegalArgumentException(
                    "switchboard.db.pool-size (SWITCHBOARD_DB_POOL_SIZE) must be between 1 and 500, "
                            + "but was " + poolSize);
        }
    }

    boolean embedded() {
        return url.isEmpty();
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
