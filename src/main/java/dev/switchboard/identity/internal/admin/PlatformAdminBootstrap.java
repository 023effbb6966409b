package dev.switchboard.identity.internal.admin;

import dev.switchboard.identity.internal.account.Users;
import dev.switchboard.identity.internal.credentials.EmailAddresses;
import dev.switchboard.identity.internal.credentials.PasswordPolicy;
import dev.switchboard.identity.internal.credentials.Passwords;
import dev.switchboard.platform.ApiProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first platform administrator at start-up from {@code SWITCHBOARD_ADMIN_EMAIL} and
 * {@code SWITCHBOARD_ADMIN_PASSWORD}. It acts only while no platform administrator exists and
 * never changes an existing password. Without a configured password, one is generated and
 * written (readable by the owner only) to {@code <data>/initial-admin-password}.
 */
@Component
class PlatformAdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PlatformAdminBootstrap.class);

    private final Users users;
    private final Passwords passwords;
    private final String email;
    private final String password;
    private final Path dataDirectory;

    PlatformAdminBootstrap(Users users, Passwords passwords,
                           @Value("${switchboard.admin.email:admin@switchboard.local}") String email,
                           @Value("${switchboard.admin.password:}") String password,
                           @Value("${switchboard.data-directory:data}") Path dataDirectory) {
        this.users = users;
        this.passwords = passwords;
        try {
            this.email = EmailAddresses.require("email", email);
            if (!password.isEmpty()) {
                PasswordPolicy.check("password", password, email);
            }
        } catch (ApiProblem problem) {
            String setting = problem.errors().isEmpty() || "email".equals(problem.errors().get(0).field())
                    ? "switchboard.admin.email (SWITCHBOARD_ADMIN_EMAIL)" : "switchboard.admin.password (SWITCHBOARD_ADMIN_PASSWORD)";
            throw new IllegalArgumentException(setting + " is not acceptable: " + problem.detail());
        }
        this.password = password;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyPlatformAdmin()) {
            return;
        }
        var existing = users.byEmail(email);
        if (existing.isPresent()) {
            users.setPlatformAdmin(existing.get().id(), true);
            log.info("Made the existing account {} the first platform administrator", email);
            return;
        }
        String chosen = password;
        Path written = null;
        if (chosen.isEmpty()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            chosen = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            written = writePassword(chosen);
        }
        try {
            users.create(email, "Platform administrator", passwords.hash(chosen), true);
        } catch (DuplicateKeyException anotherNode) {
            return;
        }
        if (written != null) {
            log.warn("Created the first platform administrator {}; its generated password is in {}. Sign in, change "
                    + "it, and delete that file (or set SWITCHBOARD_ADMIN_PASSWORD).", email, written);
        } else {
            log.info("Created the first platform administrator {} from configuration", email);
        }
    }

    private Path writePassword(String value) {
        Path file = dataDirectory.resolve("initial-admin-password").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the initial administrator password to " + file, e);
        }
    }
}
