package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResidencyRulesTest {

    private final ResidencyRules seed = ResidencyRules.seedDefaults();

    @Test
    void seedDefaults_haveTheSeedRules() {
        assertThat(seed.ruleNames()).containsExactly("CN", "EU", "US");
    }

    @Test
    void strictCn_allowsOnlyChina() {
        assertThat(seed.allows("CN", "CN")).isTrue();
        assertThat(seed.allows("CN", "US")).isFalse();
        assertThat(seed.allows("CN", "HK")).isFalse();
    }

    @Test
    void moderateEu_allowsEuMembersUsUkAndCanada() {
        assertThat(seed.allows("EU", "DE")).isTrue();
        assertThat(seed.allows("EU", "IE")).isTrue();
        assertThat(seed.allows("EU", "EU")).isTrue();
        assertThat(seed.allows("EU", "US")).isTrue();
        assertThat(seed.allows("EU", "CA")).isTrue();
        assertThat(seed.allows("EU", "CN")).isFalse();
        assertThat(seed.allows("EU", "CH")).isFalse();
    }

    @Test
    void relaxedUs_allowsAnywhereEvenAnUnknownCountry() {
        assertThat(seed.allows("US", "CN")).isTrue();
        assertThat(seed.allows("US", null)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void unknownDeploymentCountry_isNotAssumedCompliant(String country) {
        assertThat(seed.allows("EU", country)).isFalse();
        assertThat(seed.allows("CN", country)).isFalse();
    }

    @Test
    void ukAndGb_areTheSameCountry() {
        assertThat(seed.allows("EU", "UK")).isTrue();
        assertThat(seed.allows("EU", "GB")).isTrue();
        ResidencyRules gbOnly = ResidencyRules.of(Map.of("x", List.of("GB")));
        assertThat(gbOnly.allows("x", "UK")).isTrue();
    }

    @Test
    void euGroup_coversExactlyThe27MemberStates() {
        assertThat(ResidencyRules.EU_MEMBER_STATES).hasSize(27).doesNotContain("GB", "CH", "NO");
        ResidencyRules euOnly = ResidencyRules.of(Map.of("eu-only", List.of("EU")));
        for (String member : ResidencyRules.EU_MEMBER_STATES) {
            assertThat(euOnly.allows("eu-only", member)).as(member).isTrue();
        }
        assertThat(euOnly.allows("eu-only", "US")).isFalse();
    }

    @Test
    void aMemberState_doesNotAllowTheWholeEu() {
        ResidencyRules franceOnly = ResidencyRules.of(Map.of("fr", List.of("FR")));
        assertThat(franceOnly.allows("fr", "EU")).isFalse();
        assertThat(franceOnly.allows("fr", "DE")).isFalse();
    }

    @Test
    void namesAndDeploymentCountries_ignoreCase() {
        assertThat(seed.knows("eu")).isTrue();
        assertThat(seed.allows("eu", "de")).isTrue();
        assertThat(seed.allows(" Cn ", "cn")).isTrue();
    }

    @Test
    void knows_onlyConfiguredRules() {
        assertThat(seed.knows("JP")).isFalse();
        assertThat(seed.knows(null)).isFalse();
    }

    @Test
    void allows_unknownRule_isRefused() {
        assertThatThrownBy(() -> seed.allows("JP", "JP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JP")
                .hasMessageContaining("CN, EU, US");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "de", "DEU", "Europe", "", "**"})
    void of_malformedOrUnknownEntry_isRefusedNamingIt(String entry) {
        assertThatThrownBy(() -> ResidencyRules.of(Map.of("mine", List.of("US", entry))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'");
    }

    @Test
    void of_emptyList_isRefused() {
        assertThatThrownBy(() -> ResidencyRules.of(Map.of("mine", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mine");
    }

    @Test
    void of_sameNameInTwoCases_isRefused() {
        assertThatThrownBy(() -> ResidencyRules.of(Map.of("eu", List.of("EU"), "EU", List.of("US"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }
}
