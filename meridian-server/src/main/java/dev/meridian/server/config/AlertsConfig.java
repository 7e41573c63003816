package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where alerts go: named channels (a signed JSON webhook, a Slack incoming webhook, e-mail) and the SMTP server
 * e-mail channels send through. Without channels, alerts are not queued at all. Checked by {@link AlertsValidator}.
 *
 * @param smtp     the SMTP server, or null when no channel sends e-mail
 * @param channels each channel by its name, which rows in the outbox and the metrics carry
 */
public record AlertsConfig(Smtp smtp, Map<String, Channel> channels) {

    public AlertsConfig {
        channels = channels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    @JsonCreator
    static AlertsConfig fromYaml(
            @JsonProperty("smtp") Smtp smtp, @JsonProperty("channels") Map<String, Channel> channels) {
        return new AlertsConfig(smtp, channels);
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null);
    }

    /** The kinds of channel, as {@code type} names them. */
    public enum Type {
        /** A JSON POST signed with HMAC-SHA256 ({@code x-meridian-signature}). */
        WEBHOOK("webhook"),
        /** A Slack incoming webhook (or anything that takes its {@code {"text": ...}}). */
        SLACK("slack"),
        /** E-mail through {@code alerts.smtp}. */
        EMAIL("email");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The type named {@code id}, or null for an unknown name. */
        public static Type of(String id) {
            for (Type t : values()) {
                if (t.id.equals(id)) {
                    return t;
                }
            }
            return null;
        }

        static String ids() {
            return "webhook, slack, email";
        }
    }

    /**
     * One channel.
     *
     * @param type    webhook, slack or email
     * @param url     where webhook and slack channels POST
     * @param secret  the webhook's signing secret; never logged or shown
     * @param to      the e-mail channel's recipients
     * @param tenants the tenants whose alerts this channel receives; empty means every tenant's
     */
    public record Channel(String type, String url, String secret, List<String> to, List<String> tenants) {

        public Channel {
            to = to == null ? List.of() : List.copyOf(to);
            tenants = tenants == null ? List.of() : List.copyOf(tenants);
        }

        @JsonCreator
        static Channel fromYaml(
                @JsonProperty("type") String type,
                @JsonProperty("url") String url,
                @JsonProperty("secret") String secret,
                @JsonProperty("to") List<String> to,
                @JsonProperty("tenants") List<String> tenants) {
            return new Channel(type, url, secret, to, tenants);
        }

        /** The channel's type; null only in a configuration that failed validation. */
        public Type kind() {
            return Type.of(type);
        }

        /** Whether alerts about {@code tenantId} (null: a platform alert) go to this channel. */
        public boolean receives(String tenantId) {
            return tenants.isEmpty() || tenantId != null && tenants.contains(tenantId);
        }

        /** Without the secret, which must never reach a log or an answer. */
        @Override
        public String toString() {
            return "Channel[type=" + type + ", tenants=" + tenants + "]";
        }
    }

    /**
     * The SMTP server of e-mail channels.
     *
     * @param port     default 465 with {@code ssl}, else 587
     * @param username the login, or null to send without one
     * @param password the login's password; never logged or shown
     * @param from     the sender, {@code alerts@example.com} or {@code Meridian <alerts@example.com>}
     * @param starttls required (the default without {@code ssl}), optional or none: whether the connection must be
     *                 upgraded to TLS before anything (the password, the alert) is sent
     * @param ssl      TLS from the first byte (SMTPS, usually port 465) instead of STARTTLS
     */
    public record Smtp(
            String host, int port, String username, String password, String from, String starttls, boolean ssl) {

        public static final String REQUIRED = "required";
        public static final String OPTIONAL = "optional";
        public static final String NONE = "none";

        @JsonCreator
        static Smtp fromYaml(
                @JsonProperty("host") String host,
                @JsonProperty("port") Integer port,
                @JsonProperty("username") String username,
                @JsonProperty("password") String password,
                @JsonProperty("from") String from,
                @JsonProperty("starttls") String starttls,
                @JsonProperty("ssl") Boolean ssl) {
            boolean tls = ssl != null && ssl;
            return new Smtp(
                    host,
                    port == null ? (tls ? 465 : 587) : port,
                    username,
                    password,
                    from,
                    starttls == null ? (tls ? NONE : REQUIRED) : starttls,
                    tls);
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from + ", starttls="
                    + starttls + ", ssl=" + ssl + "]";
        }
    }
}
