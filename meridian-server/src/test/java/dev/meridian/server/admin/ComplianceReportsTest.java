package dev.meridian.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.GatewayException;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.ComplianceFigures;
import dev.meridian.store.model.QuotaOverride;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's period, format choice and HTML form, without a database. */
class ComplianceReportsTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void bound_takesInstantsAndDates_aDateInToMeaningTheEndOfThatDay() {
        assertThat(ComplianceReports.bound("from", "2030-01-01T10:15:00Z", false))
                .isEqualTo(Instant.parse("2030-01-01T10:15:00Z"));
        assertThat(ComplianceReports.bound("from", "2030-01-31", false))
                .isEqualTo(Instant.parse("2030-01-31T00:00:00Z"));
        assertThat(ComplianceReports.bound("to", "2030-01-31", true)).isEqualTo(Instant.parse("2030-02-01T00:00:00Z"));
    }

    @Test
    void bound_refusesWhatIsNeitherAnInstantNorADate_namingTheParameter() {
        for (String bad : new String[] {null, "", "2030-02-30", "tomorrow", "10000-01-01", "1969-12-30"}) {
            assertThatThrownBy(() -> ComplianceReports.bound("to", bad, true))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            GatewayException.class, e -> assertThat(e.param()).isEqualTo("to"));
        }
    }

    @Test
    void html_isChosenByFormat_orByAnAcceptHeaderPreferringIt() {
        assertThat(ComplianceReports.html("html", null)).isTrue();
        assertThat(ComplianceReports.html("json", "text/html")).isFalse();
        assertThat(ComplianceReports.html(null, "text/html,application/xhtml+xml,*/*;q=0.8"))
                .isTrue();
        assertThat(ComplianceReports.html(null, "application/json, text/html;q=0.5"))
                .isFalse();
        assertThat(ComplianceReports.html(null, "*/*")).isFalse();
        assertThat(ComplianceReports.html(null, null)).isFalse();
        assertThatThrownBy(() -> ComplianceReports.html("pdf", null))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("format"));
    }

    @Test
    void thePage_escapesEveryValue_andSaysSoWhenASectionIsEmpty() {
        Tenant tenant = new Tenant(
                "ten_1",
                "A&B <b>\"Corp\"</b> 'x'",
                TenantStatus.ACTIVE,
                "enterprise",
                QuotaOverride.NONE,
                RateLimits.NONE,
                null,
                false,
                null,
                T0,
                T0,
                List.of());
        ComplianceFigures figures = new ComplianceFigures(
                List.of(),
                List.of(),
                List.of(new ComplianceFigures.Detections("<img src=x onerror=alert(1)>", "mask", 2, 1)),
                List.of(),
                List.of(new AuditEntry(
                        1, T0, "<i>actor</i>", "ten_1", "key.create", "api_key", "k\"1", null, null, null)),
                List.of());

        String page = ComplianceHtml.page(ComplianceReports.json(tenant, T0, T0.plusSeconds(3600), T0, figures));

        assertThat(page)
                .contains("A&amp;B &lt;b&gt;&quot;Corp&quot;&lt;/b&gt; &#39;x&#39;")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;i&gt;actor&lt;/i&gt;")
                .contains("k&quot;1")
                .contains("None in this period.")
                .doesNotContain("<b>")
                .doesNotContain("<img")
                .doesNotContain("<i>");
    }
}
