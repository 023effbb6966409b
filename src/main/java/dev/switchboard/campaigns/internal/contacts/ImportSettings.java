package dev.switchboard.campaigns.internal.contacts;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.imports.*}: how large an uploaded file may be (the server's multipart limit
 * is set from the same value) and where uploads wait for their import. With several nodes the
 * directory must be shared between them, since the import may run on any node.
 */
@ConfigurationProperties("switchboard.imports")
public record ImportSettings(DataSize maxBytes, Path directory) {

    public ImportSettings {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(500) : maxBytes;
        directory = directory == null ? Path.of("data", "imports") : directory;
    }

    /** The limit as people write it: "500 MB", or "64 KB" below a megabyte. */
    public String describeLimit() {
        return maxBytes.toMegabytes() >= 1 ? maxBytes.toMegabytes() + " MB" : maxBytes.toKilobytes() + " KB";
    }
}
