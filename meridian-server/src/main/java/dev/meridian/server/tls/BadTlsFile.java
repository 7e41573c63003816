package dev.meridian.server.tls;

/** A TLS file that cannot be used; {@link #setting()} names the {@code server.tls} setting it came from. */
public final class BadTlsFile extends Exception {

    private static final long serialVersionUID = 1L;
    private final String setting;

    BadTlsFile(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** {@code certFile}, {@code keyFile} or {@code adminClientCa}. */
    public String setting() {
        return setting;
    }
}
