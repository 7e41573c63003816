package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.pii.PiiAction;
import dev.meridian.core.pii.PiiPolicy;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The {@code pii} section: off by default, tenant overrides inherit, and a bad action, class or pattern is named. */
class PiiConfigTest {

    private static final Function<String, String> ENV = Map.<String, String>of()::get;

    private static final String PROVIDERS = """
            providers:
              openai:
                type: openai
                apiKey: sk-test-not-a-real-key-000000
            """;

    @Test
    void withoutASection_piiHandlingIsOff() {
        PiiPolicy p = ConfigLoader.parse(PROVIDERS, ENV).pii().forTenant("t1");
        assertThat(p.enabled()).isFalse();
        assertThat(p.active()).isFalse();
    }

    @Test
    void aTenantInheritsWhatItLeavesOut_andOverridesWhatItSets() {
        PiiConfig pii = ConfigLoader.parse(PROVIDERS + """
                pii:
                  enabled: true
                  actions: {card: block, email: mask}
                  patterns: {employee_id: "EMP-[0-9]{6}"}
                  tenants:
                    t_acme:
                      reversible: false
                      actions: {email: allow, employee_id: block}
                """, ENV).pii();
        PiiPolicy defaults = pii.forTenant("t_other");
        assertThat(defaults.active()).isTrue();
        assertThat(defaults.reversible()).isTrue();
        assertThat(defaults.action("email")).isEqualTo(PiiAction.MASK);
        assertThat(defaults.action("employee_id")).isEqualTo(PiiAction.MASK);
        PiiPolicy acme = pii.forTenant("t_acme");
        assertThat(acme.enabled()).isTrue();
        assertThat(acme.reversible()).isFalse();
        assertThat(acme.action("card")).isEqualTo(PiiAction.BLOCK);
        assertThat(acme.action("email")).isEqualTo(PiiAction.ALLOW);
        assertThat(acme.action("employee_id")).isEqualTo(PiiAction.BLOCK);
        assertThat(acme.scanner().scan("badge EMP-123456")).hasSize(1);
    }

    @Test
    void aCatastrophicPattern_stopsTheStart_namingIt() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + """
                        pii:
                          enabled: true
                          tenants:
                            t1:
                              patterns: {nested: "((a+)+)+b"}
                        """, ENV))
                .hasMessageContaining("pii.tenants.t1.patterns")
                .hasMessageContaining("'nested'");
    }

    @Test
    void anUnknownClassOrAction_isNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "pii:\n  actions: {passport: block}\n", ENV))
                .hasMessageContaining("pii.actions.passport");
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "pii:\n  actions: {email: hide}\n", ENV))
                .hasMessageContaining("pii.actions.email")
                .hasMessageContaining("mask, block or allow");
    }

    @Test
    void aCopyOnAnotherHostOrPort_keepsThePiiSettings() {
        MeridianConfig c = ConfigLoader.parse(PROVIDERS + "pii:\n  enabled: true\n", ENV);
        assertThat(c.withPort(9999).pii().forTenant(null).enabled()).isTrue();
        assertThat(c.withHost("0.0.0.0").pii().forTenant(null).enabled()).isTrue();
    }
}
