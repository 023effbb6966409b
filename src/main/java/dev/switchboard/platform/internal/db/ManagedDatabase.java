package dev.switchboard.platform.internal.db;

import java.io.IOException;

/**
 * The database this node uses, ready and migrated: either the embedded server it started or
 * the configured one.
 */
final class ManagedDatabase implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final String url;
    private final String username;
    private final String password;

    private ManagedDatabase(EmbeddedDatabase embedded, String url, String username, String password) {
        this.embedded = embedded;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    static ManagedDatabase open(DatabaseSettings settings) {
        EmbeddedDatabase embedded = null;
        String url = settings.url();
        String username = settings.username();
        String password = settings.password();
        if (settings.embedded()) {
            embedded = EmbeddedDatabase.start(settings.dataDirectory(), settings.embeddedPort());
            url = embedded.jdbcUrl("switchboard");
            username = "postgres";
            password = "";
        }
        try {
            DatabaseBootstrap.createDatabaseIfMissing(url, username, password);
            DatabaseBootstrap.migrate(url, username, password, settings.appRole());
        } catch (RuntimeException e) {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new ManagedDatabase(embedded, url, username, password);
    }

    String url() {
        return url;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
