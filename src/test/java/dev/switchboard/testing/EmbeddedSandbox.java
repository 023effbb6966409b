package dev.switchboard.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link SwitchboardTest} whose calls go to the real embedded sandbox (numbers provisioned,
 * 120 times real time, seed 7) instead of the stub vendors: the property set of the calls
 * end-to-end tests, so every test carrying it shares their application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
public @interface EmbeddedSandbox {
}
