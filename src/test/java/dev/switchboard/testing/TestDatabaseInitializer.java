package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test application context at a database of its own and a data folder of its own. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestDatabase.create();
        Path data;
        try {
            data = Files.createTempDirectory("switchboard-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getBeanFactory().registerSingleton("testDatabase", db);
        TestPropertyValues.of(
                "switchboard.db.url=" + db.url(),
                "switchboard.db.username=" + db.username(),
                "switchboard.data-directory=" + data,
                // Jobs scheduled by a test should not wait for the production poll interval.
                "switchboard.jobs.poll-interval=200ms",
                // Real vendors are replaced by one stub server that tests program (see Vendors).
                "switchboard.providers.retell-base-url=" + Vendors.baseUrl() + "/retell",
                "switchboard.providers.vapi-base-url=" + Vendors.baseUrl() + "/vapi",
                "switchboard.providers.twilio-base-url=" + Vendors.baseUrl() + "/twilio",
                "switchboard.providers.attempts=2",
                "switchboard.providers.base-delay=10ms",
                // Several test contexts (and other checkouts) may run at once: the sandbox takes any free port.
                "switchboard.sandbox.port=0",
                "logging.structured.format.console=").applyTo(context.getEnvironment());
        // Unless a test class asks for the real embedded sandbox (by setting switchboard.sandbox.url
        // itself), the sandbox's API is the stub server too, so tests decide what it answers.
        if (!context.getEnvironment().containsProperty("switchboard.sandbox.url")) {
            TestPropertyValues.of(
                    "switchboard.sandbox.url=" + Vendors.baseUrl() + "/sandbox",
                    "switchboard.sandbox.provision-numbers=false").applyTo(context.getEnvironment());
        }
    }
}
