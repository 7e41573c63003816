package dev.meridian.server.auth;

import static java.util.Objects.requireNonNull;

/** Who is calling: for now the name of the caller key used (tenants, teams and users come with the tenancy issue). */
public record Principal(String keyName) {
    public Principal {
        requireNonNull(keyName, "keyName");
    }
}
