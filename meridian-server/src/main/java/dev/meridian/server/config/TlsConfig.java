package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Inbound TLS ({@code server.tls}): the listener speaks HTTPS (HTTP/2 by ALPN, and HTTP/1.1) when a certificate
 * and key are set.
 *
 * @param certFile       PEM file with the server certificate, then any intermediate certificates (the chain)
 * @param keyFile        PEM file with the certificate's private key (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param adminClientCa  PEM file of the CA(s) whose client certificates may use {@code /admin/v1}; when set, admin
 *                       requests without a verified client certificate answer 403 (mutual TLS for the admin API)
 * @param reloadInterval how often the files are checked for a new certificate (default 5s)
 */
public record TlsConfig(String certFile, String keyFile, String adminClientCa, Duration reloadInterval) {

    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);
    public static final TlsConfig NONE = new TlsConfig(null, null, null, DEFAULT_RELOAD_INTERVAL);

    @JsonCreator
    static TlsConfig fromYaml(
            @JsonProperty("certFile") String certFile,
            @JsonProperty("keyFile") String keyFile,
            @JsonProperty("adminClientCa") String adminClientCa,
            @JsonProperty("reloadInterval") Duration reloadInterval) {
        return new TlsConfig(
                certFile, keyFile, adminClientCa, reloadInterval == null ? DEFAULT_RELOAD_INTERVAL : reloadInterval);
    }

    /** Whether the listener speaks TLS: a certificate file is set. */
    public boolean enabled() {
        return certFile != null;
    }

    /** Whether {@code /admin/v1} needs a client certificate signed by {@link #adminClientCa()}. */
    public boolean adminMutualTls() {
        return enabled() && adminClientCa != null;
    }
}
