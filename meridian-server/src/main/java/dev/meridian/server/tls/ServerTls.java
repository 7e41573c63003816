package dev.meridian.server.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The listener's TLS policy, in Vert.x's terms: TLS 1.2 and 1.3 only, forward-secret AEAD cipher suites only,
 * HTTP/2 or HTTP/1.1 by ALPN, and, with a client CA, client certificates requested (not required: only the admin
 * API needs one, see {@link #verifiedClient}).
 */
public final class ServerTls {

    static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    /** TLS 1.3's suites, then TLS 1.2's ECDHE suites with AES-GCM or ChaCha20-Poly1305 (Mozilla "intermediate"). */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private ServerTls() {}

    /** Turns TLS on in {@code options} with the material as read at start. */
    public static HttpServerOptions apply(HttpServerOptions options, PemMaterial material) {
        options.setSsl(true)
                .setUseAlpn(true)
                .setEnabledSecureTransportProtocols(PROTOCOLS)
                .setKeyCertOptions(keyCert(material));
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        if (material.caPem() != null) {
            options.setTrustOptions(trust(material)).setClientAuth(ClientAuth.REQUEST);
        }
        return options;
    }

    /** The same policy with new material, for {@code HttpServer.updateSSLOptions}. */
    public static ServerSSLOptions update(PemMaterial material) {
        ServerSSLOptions options = new ServerSSLOptions()
                .setUseAlpn(true)
                .setEnabledSecureTransportProtocols(PROTOCOLS)
                .setKeyCertOptions(keyCert(material));
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        if (material.caPem() != null) {
            options.setTrustOptions(trust(material)).setClientAuth(ClientAuth.REQUEST);
        }
        return options;
    }

    /**
     * Whether the request came over TLS with a client certificate. The listener requests certificates only from
     * the admin client CA and the handshake fails on one that does not verify against it, so a certificate here
     * is a verified one.
     */
    public static boolean verifiedClient(HttpServerRequest request) {
        if (!request.isSSL()) {
            return false;
        }
        SSLSession session = request.connection().sslSession();
        if (session == null) {
            return false;
        }
        try {
            return session.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private static KeyCertOptions keyCert(PemMaterial material) {
        return KeyCertOptions.wrap(material.keyManager());
    }

    private static PemTrustOptions trust(PemMaterial material) {
        return new PemTrustOptions().addCertValue(Buffer.buffer(material.caPem()));
    }
}
