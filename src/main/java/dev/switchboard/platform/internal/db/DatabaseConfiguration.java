package dev.switchboard.platform.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The runtime DataSource: a pool whose connections switch to the runtime role, which owns no
 * table and cannot bypass row-level security. The schema is migrated as the owner first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseSettings.class)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    ManagedDatabase managedDatabase(DatabaseSettings settings) {
        return ManagedDatabase.open(settings);
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(ManagedDatabase database, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard");
        config.setJdbcUrl(database.url());
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionInitSql("set role " + settings.appRole());
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "switchboard");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Tenant queries filter on organization_id beside a selective key. A generic plan, which
        // PostgreSQL may adopt for a statement prepared over and over, guesses the organization's
        // share of a table from statistics that lag behind a growing table, and may then read all
        // of an organization's rows through its index for a single call; a plan made for the
        // actual values does not.
        config.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        return new HikariDataSource(config);
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new TenantAwareTransactionManager(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
