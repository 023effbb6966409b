package dev.switchboard.testing;

import dev.switchboard.SwitchboardApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Starts another server node in the test JVM, on the test's database and vendors, as production nodes share one. */
public final class SecondNode {

    private SecondNode() {
    }

    /**
     * A node on a free port with {@code sources} added to the application's, sharing the first
     * node's data folder (so both sign access tokens with the same key, as production nodes
     * share SWITCHBOARD_TOKEN_SECRET); {@code arguments} are added to its command line, each
     * replacing the default of the same name (a repeated option would reach Spring as a list).
     */
    public static ConfigurableApplicationContext start(TestDatabase database, Environment first, List<Class<?>> sources,
                                                       String... arguments) {
        List<Class<?>> all = new ArrayList<>(List.of(SwitchboardApplication.class));
        all.addAll(sources);
        List<String> args = new ArrayList<>(List.of(
                // Command-line arguments, so that they win over application.yml like the first node's test properties.
                "--server.port=0",
                "--switchboard.db.url=" + database.url(),
                "--switchboard.db.username=" + database.username(),
                "--switchboard.data-directory=" + first.getRequiredProperty("switchboard.data-directory"),
                "--switchboard.sandbox.port=0",
                "--switchboard.sandbox.url=" + Vendors.baseUrl() + "/sandbox",
                "--switchboard.sandbox.provision-numbers=false",
                "--switchboard.providers.retell-base-url=" + Vendors.baseUrl() + "/retell",
                "--switchboard.providers.vapi-base-url=" + Vendors.baseUrl() + "/vapi",
                "--switchboard.providers.twilio-base-url=" + Vendors.baseUrl() + "/twilio",
                "--logging.structured.format.console="));
        for (String argument : arguments) {
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=') + 1) : argument;
            args.removeIf(a -> a.startsWith(name));
            args.add(argument);
        }
        return new SpringApplicationBuilder(all.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
    }
}
