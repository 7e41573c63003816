package dev.meridian.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Checks the {@code alerts} section: each channel's type and the keys that type needs (and only those), URLs,
 * e-mail addresses, and the SMTP server e-mail channels need. Problems name the key, never a secret's value.
 */
final class AlertsValidator {

    /** A webhook's signing secret is a shared key: shorter ones are guessable. */
    static final int MIN_SECRET = 16;

    private AlertsValidator() {}

    static void alerts(AlertsConfig alerts, List<String> problems) {
        boolean email = false;
        for (Map.Entry<String, AlertsConfig.Channel> e : alerts.channels().entrySet()) {
            String key = "alerts.channels." + e.getKey();
            if (!e.getKey().matches("[A-Za-z0-9_.-]{1,64}")) {
                problems.add(key + ": channel names are 1 to 64 letters, digits, '_', '.', '-'");
            }
            AlertsConfig.Channel c = e.getValue();
            if (c == null) {
                problems.add(key + ": needs at least a type");
                continue;
            }
            email |= channel(key, c, alerts.smtp(), problems);
        }
        if (alerts.smtp() != null) {
            smtp(alerts.smtp(), problems);
        } else if (email) {
            problems.add("alerts.smtp: required by the email channels; give host and from at least");
        }
    }

    /** Checks one channel; whether it is an e-mail channel. */
    private static boolean channel(String key, AlertsConfig.Channel c, AlertsConfig.Smtp smtp, List<String> problems) {
        AlertsConfig.Type type = c.kind();
        if (type == null) {
            problems.add(key + ".type: " + (c.type() == null ? "required" : "'" + c.type() + "' is unknown")
                    + "; one of " + AlertsConfig.Type.ids());
            return false;
        }
        for (int i = 0; i < c.tenants().size(); i++) {
            if (c.tenants().get(i).isBlank()) {
                problems.add(key + ".tenants[" + i + "]: must be a tenant id");
            }
        }
        if (type == AlertsConfig.Type.EMAIL) {
            unused(key + ".url", c.url(), type, problems);
            unused(key + ".secret", c.secret(), type, problems);
            if (c.to().isEmpty()) {
                problems.add(key + ".to: required for type email, a list of addresses");
            }
            for (int i = 0; i < c.to().size(); i++) {
                address(key + ".to[" + i + "]", c.to().get(i), problems);
            }
            return true;
        }
        if (!c.to().isEmpty()) {
            problems.add(key + ".to: only for type email; " + type.id() + " channels post to their url");
        }
        if (c.url() == null) {
            problems.add(key + ".url: required for type " + type.id());
        } else {
            url(key + ".url", c.url(), problems);
        }
        if (type == AlertsConfig.Type.SLACK) {
            unused(key + ".secret", c.secret(), type, problems);
        } else if (c.secret() == null || c.secret().isBlank()) {
            problems.add(key + ".secret: required for type webhook, at least " + MIN_SECRET
                    + " characters; receivers check each delivery's x-meridian-signature with it");
        } else if (c.secret().length() < MIN_SECRET) {
            problems.add(key + ".secret: must have at least " + MIN_SECRET + " characters");
        }
        return false;
    }

    private static void unused(String key, String value, AlertsConfig.Type type, List<String> problems) {
        if (value != null) {
            problems.add(key + ": has no use for type " + type.id() + "; remove it");
        }
    }

    private static void smtp(AlertsConfig.Smtp s, List<String> problems) {
        if (s.host() == null || s.host().isBlank()) {
            problems.add("alerts.smtp.host: required");
        }
        if (s.port() < 1 || s.port() > 65535) {
            problems.add("alerts.smtp.port: " + s.port() + " is not a port number (1-65535)");
        }
        if (s.from() == null) {
            problems.add("alerts.smtp.from: required, the sender's address");
        } else {
            address("alerts.smtp.from", s.from(), problems);
        }
        if ((s.username() == null) != (s.password() == null)) {
            problems.add(
                    s.username() == null
                            ? "alerts.smtp.username: required with a password"
                            : "alerts.smtp.password: required with a username");
        }
        String t = s.starttls();
        if (!AlertsConfig.Smtp.REQUIRED.equals(t)
                && !AlertsConfig.Smtp.OPTIONAL.equals(t)
                && !AlertsConfig.Smtp.NONE.equals(t)) {
            problems.add("alerts.smtp.starttls: '" + t + "' is unknown; one of required, optional, none");
        } else if (s.ssl() && !AlertsConfig.Smtp.NONE.equals(t)) {
            problems.add("alerts.smtp.starttls: has no use with ssl: true (the connection is TLS from the start);"
                    + " remove one");
        }
    }

    /** An address, bare or with a display name: {@code a@example.com}, {@code Meridian <a@example.com>}. */
    private static void address(String key, String value, List<String> problems) {
        String a = value.trim();
        int open = a.lastIndexOf('<');
        if (open >= 0 && a.endsWith(">")) {
            a = a.substring(open + 1, a.length() - 1);
        }
        int at = a.indexOf('@');
        if (at < 1
                || at != a.lastIndexOf('@')
                || at == a.length() - 1
                || a.chars().anyMatch(ch -> ch <= ' ')) {
            problems.add(key + ": '" + value + "' is not an e-mail address");
        }
    }

    private static void url(String key, String url, List<String> problems) {
        try {
            URI u = new URI(url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                problems.add(key + ": must be an http:// or https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            problems.add(key + ": is not a URL: " + e.getReason());
        }
    }
}
