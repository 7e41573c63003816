package dev.meridian.server.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The listener's one certificate and key, already parsed, as a key manager for Vert.x
 * ({@code KeyCertOptions.wrap}). Vert.x's own PEM options would put the key in a PKCS#12 key store, whose key
 * protection (PBKDF2, 10,000 rounds, on write and on read) costs about 0.4 s of a cold start per listener.
 */
final class PemKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "meridian";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    PemKeyManager(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain.clone();
    }

    /** The alias when the handshake asks for this key's type ("EC", "RSA", "EC_EC", ...), else none. */
    private String alias(String keyType) {
        if (keyType == null) {
            return null;
        }
        int cut = keyType.indexOf('_');
        String algorithm = cut < 0 ? keyType : keyType.substring(0, cut);
        return algorithm.equals(key.getAlgorithm()) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = alias(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
