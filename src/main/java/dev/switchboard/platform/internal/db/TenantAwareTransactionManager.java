package dev.switchboard.platform.internal.db;

import dev.switchboard.platform.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Tells PostgreSQL, at the start of every transaction, which organization the work belongs
 * to. The settings are transaction-local, so a pooled connection never carries one
 * organization's context into another's work.
 */
final class TenantAwareTransactionManager extends JdbcTransactionManager {

    TenantAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        String organization = TenantScope.currentOrganization().map(UUID::toString).orElse("");
        boolean crossRead = TenantScope.isCrossOrganizationRead();
        try (PreparedStatement ps = con.prepareStatement(
                "select set_config('app.organization_id', ?, true), set_config('app.cross_org_read', ?, true)")) {
            ps.setString(1, organization);
            ps.setString(2, crossRead ? "on" : "off");
            ps.execute();
        }
        if (crossRead) {
            try (var s = con.createStatement()) {
                s.execute("set transaction read only");
            }
        }
    }
}
