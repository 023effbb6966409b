package dev.switchboard.platform.internal.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from binaries shipped in a Maven artifact, keeping its data
 * in a local folder so that a restart finds everything again.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Path dir = dataDirectory.toAbsolutePath();
            Files.createDirectories(dir);
            // A server killed hard leaves its pid file behind, and PostgreSQL refuses to start
            // on a folder whose pid file names a live process; a stale one names none.
            Path pid = dir.resolve("postmaster.pid");
            if (Files.exists(pid) && !pidIsAlive(pid)) {
                Files.delete(pid);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    // The library turns these off for throw-away test databases; Switchboard keeps its
                    // data here, and a webhook answered "stored" must survive a crash of the machine.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            log.info("Embedded PostgreSQL is running on port {} with its data in {}", port, dir);
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " on port " + port + " (set SWITCHBOARD_DB_EMBEDDED_PORT to a free port, or "
                    + "SWITCHBOARD_DB_URL to use another PostgreSQL): " + e.getMessage(), e);
        }
    }

    private static boolean pidIsAlive(Path pidFile) throws IOException {
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
