package dev.switchboard.agents.internal.tools;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registers each tool once per provider account and reuses it afterwards: a tool is sent to the
 * provider again only when its definition (hashed as canonical JSON) changed. A changed tool gets
 * a new provider id and the old one is left in place, so calls in progress on agents that still
 * link the old id finish with the definition they started with; agents pick up the new id when
 * they are next saved.
 */
@Component
public class ToolRegistrations {

    private static final Logger log = LoggerFactory.getLogger(ToolRegistrations.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    // Two agents saved at once on this node must not both register the same tool. Across nodes
    // the race is left open: it can at worst leave one unused duplicate at the provider, which
    // is cheaper than holding a database lock across a vendor call.
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ToolRegistrations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A tool as registered at a provider account. */
    public record Registration(String provider, String accountFingerprint, String toolName, String definitionHash,
                               String providerToolId) {
    }

    /**
     * The provider's id for the tool {@code toolName} with {@code definition}, registering it
     * through {@code register} (which returns the new provider id) only when this account has
     * no registration with the same definition yet.
     */
    public String ensureRegistered(String provider, String apiKey, String toolName, Map<String, Object> definition,
                                   Function<Map<String, Object>, String> register) {
        String fingerprint = CanonicalJson.accountFingerprint(apiKey);
        String hash = CanonicalJson.hash(definition);
        Object lock = locks.computeIfAbsent(provider + ' ' + fingerprint + ' ' + toolName, key -> new Object());
        synchronized (lock) {
            Optional<Registration> existing = find(provider, fingerprint, toolName);
            if (existing.isPresent() && existing.get().definitionHash().equals(hash)) {
                return existing.get().providerToolId();
            }
            String toolId = register.apply(definition);
            if (toolId == null || toolId.isBlank()) {
                throw new IllegalStateException(provider + " registered tool " + toolName + " without returning its id");
            }
            save(new Registration(provider, fingerprint, toolName, hash, toolId));
            log.info("Registered tool {} at {} as {}{}", toolName, provider, toolId,
                    existing.map(old -> " (definition changed; previously " + old.providerToolId() + ")").orElse(""));
            return toolId;
        }
    }

    /** The registration of {@code toolName} at the account with {@code accountFingerprint}, if any. */
    public Optional<Registration> find(String provider, String accountFingerprint, String toolName) {
        return jdbc.sql("""
                select provider, account_fingerprint, tool_name, definition_hash, provider_tool_id
                  from provider_tool_registrations
                 where provider = ? and account_fingerprint = ? and tool_name = ?""")
                .params(provider, accountFingerprint, toolName)
                .query((rs, row) -> new Registration(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    private void save(Registration registration) {
        jdbc.sql("""
                insert into provider_tool_registrations
                       (provider, account_fingerprint, tool_name, definition_hash, provider_tool_id, registered_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (provider, account_fingerprint, tool_name) do update
                   set definition_hash = excluded.definition_hash,
                       provider_tool_id = excluded.provider_tool_id,
                       registered_at = excluded.registered_at""")
                .params(registration.provider(), registration.accountFingerprint(), registration.toolName(),
                        registration.definitionHash(), registration.providerToolId(), Timestamp.from(clock.instant()))
                .update();
    }
}
