package dev.switchboard.identity;

import java.util.function.Supplier;

/**
 * The one explicit path for reading across organizations. Only platform administrators may
 * use it; every use is written to the platform audit log with its reason, and the work runs in
 * a read-only transaction that row-level security lets see every organization.
 */
public interface PlatformAdminReads {

    <T> T read(String reason, Supplier<T> work);
}
