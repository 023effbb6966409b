package dev.switchboard.telephony.internal.accounts;

import java.net.URI;

/** Where the embedded sandbox provider answers. */
interface SandboxLocation {
    URI baseUrl();
}
