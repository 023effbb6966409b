package dev.switchboard.campaigns.internal.contacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Where uploads wait for their import: one file per list under the configured directory. */
@Component
class UploadFiles {

    private static final Logger log = LoggerFactory.getLogger(UploadFiles.class);

    private final Path directory;

    UploadFiles(ImportSettings settings) {
        this.directory = settings.directory();
    }

    Path path(UUID organization, UUID listId) {
        return directory.resolve(organization.toString()).resolve(listId + ".upload");
    }

    Path prepare(UUID organization, UUID listId) throws IOException {
        Path path = path(organization, listId);
        Files.createDirectories(path.getParent());
        return path;
    }

    void delete(UUID organization, UUID listId) {
        try {
            Files.deleteIfExists(path(organization, listId));
        } catch (IOException e) {
            log.warn("Could not delete the upload of contact list {}: {}", listId, e.getMessage());
        }
    }
}
