package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alerts} section: what binds, its defaults, and every problem {@code config check} reports. */
public class AlertsConfigTest {

    static final String SECRET = "whsec-test-0123456789abcdef";

    private static MeridianConfig parse(String alerts) {
        return ConfigLoader.parse(alerts, Map.of("HOOK_SECRET", SECRET)::get);
    }

    @Test
    void parse_everyChannelType_bindsWithDefaults() {
        MeridianConfig c = parse("""
                alerts:
                  smtp:
                    host: smtp.example.com
                    username: alerts
                    password: hunter2-password
                    from: "Meridian <alerts@example.com>"
                  channels:
                    finance-hook:
                      type: webhook
                      url: https://finance.example.com/meridian
                      secret: ${HOOK_SECRET}
                      tenants: [ten_1, ten_2]
                    ops:
                      type: slack
                      url: https://hooks.slack.com/services/T0/B0/x
                    mail:
                      type: email
                      to: [finance@example.com]
                """);

        AlertsConfig a = c.alerts();
        assertThat(a.channels()).containsOnlyKeys("finance-hook", "ops", "mail");
        AlertsConfig.Channel hook = a.channels().get("finance-hook");
        assertThat(hook.kind()).isEqualTo(AlertsConfig.Type.WEBHOOK);
        assertThat(hook.secret()).isEqualTo(SECRET);
        assertThat(hook.receives("ten_1")).isTrue();
        assertThat(hook.receives("ten_3")).isFalse();
        assertThat(hook.receives(null)).isFalse();
        assertThat(a.channels().get("ops").receives("ten_3")).isTrue();
        assertThat(a.smtp().port()).isEqualTo(587);
        assertThat(a.smtp().starttls()).isEqualTo("required");
        assertThat(a.smtp().ssl()).isFalse();
        assertThat(hook.toString()).doesNotContain(SECRET);
        assertThat(a.smtp().toString()).doesNotContain("hunter2");
    }

    @Test
    void parse_ssl_defaultsToPort465WithoutStarttls() {
        AlertsConfig.Smtp s = parse("""
                        alerts:
                          smtp: {host: smtp.example.com, from: a@example.com, ssl: true}
                        """).alerts().smtp();
        assertThat(s.port()).isEqualTo(465);
        assertThat(s.starttls()).isEqualTo("none");
    }

    @Test
    void parse_noAlerts_hasNoChannels() {
        assertThat(parse("").alerts().channels()).isEmpty();
    }

    /** Each bad channel and SMTP setting, with its problem; secrets and URLs are never echoed. */
    public static final String BAD_ALERTS = """
            alerts:
              smtp:
                port: 70000
                from: not-an-address
                password: hunter2-password
                starttls: sometimes
              channels:
                pager:
                  type: pagerduty
                unsigned:
                  type: webhook
                  url: https://hooks.example.com/in
                weak:
                  type: webhook
                  url: https://hooks.example.com/in
                  secret: short-secret
                nowhere:
                  type: slack
                  url: ftp://files.example.com/T0/B0/sekret-token
                  secret: whsec-unused-0123456789
                mail:
                  type: email
                  to: [finance@example.com, nobody]
                  url: https://example.com
                  tenants: [" "]
                "bad name":
                  type: email
            """;

    public static final List<String> BAD_ALERT_PROBLEMS = List.of(
            "alerts.channels.pager.type: 'pagerduty' is unknown; one of webhook, slack, email",
            "alerts.channels.unsigned.secret: required for type webhook, at least 16 characters",
            "alerts.channels.weak.secret: must have at least 16 characters",
            "alerts.channels.nowhere.url: must be an http:// or https:// URL with a host",
            "alerts.channels.nowhere.secret: has no use for type slack; remove it",
            "alerts.channels.mail.url: has no use for type email; remove it",
            "alerts.channels.mail.to[1]: 'nobody' is not an e-mail address",
            "alerts.channels.mail.tenants[0]: must be a tenant id",
            "alerts.channels.bad name: channel names are 1 to 64 letters, digits, '_', '.', '-'",
            "alerts.channels.bad name.to: required for type email, a list of addresses",
            "alerts.smtp.host: required",
            "alerts.smtp.port: 70000 is not a port number (1-65535)",
            "alerts.smtp.from: 'not-an-address' is not an e-mail address",
            "alerts.smtp.username: required with a password",
            "alerts.smtp.starttls: 'sometimes' is unknown; one of required, optional, none");

    @Test
    void parse_badAlerts_reportsEveryProblemWithoutSecrets() {
        List<String> problems = ConfigProblemsTest.problems(BAD_ALERTS);

        assertThat(problems).hasSameSizeAs(BAD_ALERT_PROBLEMS);
        for (String expected : BAD_ALERT_PROBLEMS) {
            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(expected));
        }
        assertThat(String.join("\n", problems))
                .doesNotContain("short-secret")
                .doesNotContain("whsec-unused")
                .doesNotContain("sekret-token")
                .doesNotContain("hunter2");
    }

    @Test
    void parse_emailChannelWithoutSmtp_isReported() {
        assertThat(ConfigProblemsTest.problems("""
                        alerts:
                          channels:
                            mail: {type: email, to: [a@example.com]}
                        """))
                .containsExactly("alerts.smtp: required by the email channels; give host and from at least");
    }

    @Test
    void parse_sslWithStarttls_isReported() {
        assertThat(ConfigProblemsTest.problems("""
                        alerts:
                          smtp: {host: smtp.example.com, from: a@example.com, ssl: true, starttls: required}
                        """))
                .containsExactly("alerts.smtp.starttls: has no use with ssl: true (the connection is TLS from the"
                        + " start); remove one");
    }

    @Test
    void parse_unknownChannelKey_suggestsTheKnownOne() {
        assertThat(ConfigProblemsTest.problems("""
                        alerts:
                          channels:
                            ops: {type: slack, url: "https://hooks.slack.com/x", tenant: [a]}
                        """))
                .anySatisfy(p ->
                        assertThat(p).startsWith("alerts.channels.ops.tenant: unknown key (did you mean tenants?)"));
    }
}
