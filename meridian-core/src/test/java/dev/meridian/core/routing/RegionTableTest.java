package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionTableTest {

    private static final int FAR = Integer.MAX_VALUE;

    private final RegionTable seed = RegionTable.seedDefaults();

    @Test
    void seedDefaults_areTheSeedLocationRegionMap() {
        assertThat(seed.nearbyRegions("us")).containsExactly("us-west", "us-east");
        assertThat(seed.nearbyRegions("eu")).containsExactly("eu-west", "eu-central");
        assertThat(seed.nearbyRegions("asia")).containsExactly("ap-southeast", "ap-northeast");
        assertThat(seed.nearbyRegions("africa")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"us, us-west, 0", "us, us-east, 1", "US, US-East, 1", "us, eu-west, " + FAR, "asia, ap-northeast, 1"})
    void distance_forALocation_isThePositionInItsList(String caller, String deployment, int expected) {
        assertThat(seed.distance(caller, deployment)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"us, us-east-1, 1", "us, us-west2, 0", "eu-west, eu-west-1, 0", "us, us-eastern, " + FAR})
    void distance_deploymentRegionWithASuffix_countsAsItsTableRegion(String caller, String deployment, int expected) {
        assertThat(seed.distance(caller, deployment)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "eu-west, eu-west, 0",
        "eu-west-1, eu-west-2, 0",
        "eu-west, eu-central, 1",
        "eu-west-1, eu-central-1, 1",
        "eu-west, us-west, " + FAR,
        "sa-east-1, sa-east-1, 0",
        "sa-east-1, us-east-1, " + FAR
    })
    void distance_forARegion_isZeroInTheSameRegionAndOneInTheSameArea(String caller, String deployment, int expected) {
        assertThat(seed.distance(caller, deployment)).isEqualTo(expected);
    }

    @Test
    void distance_withoutCallerLocation_isZeroForEveryRegion() {
        assertThat(seed.distance(null, "us-west")).isZero();
        assertThat(seed.distance(" ", "ap-southeast")).isZero();
        assertThat(seed.distance(null, null)).isZero();
    }

    @Test
    void distance_unknownLocationOrDeploymentRegion_isFar() {
        assertThat(seed.distance("africa", "eu-west")).isEqualTo(FAR);
        assertThat(seed.distance("us", null)).isEqualTo(FAR);
        assertThat(seed.distance("us", "moon-1")).isEqualTo(FAR);
    }

    @Test
    void distance_longestTableRegionWins() {
        RegionTable table = RegionTable.of(Map.of("us", List.of("us-east", "us-east-2")));
        assertThat(table.distance("us", "us-east-2-zone-a")).isEqualTo(1);
        assertThat(table.distance("us", "us-east-1")).isEqualTo(0);
    }

    @Test
    void of_normalizesCase() {
        RegionTable table = RegionTable.of(Map.of("Home", List.of("EU-North")));
        assertThat(table.nearbyRegions("HOME")).containsExactly("eu-north");
        assertThat(table.distance("home", "eu-north-1")).isZero();
    }

    @Test
    void of_emptyOrRepeatedRegions_areRefusedNamingTheLocation() {
        assertThatThrownBy(() -> RegionTable.of(Map.of("us", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us");
        assertThatThrownBy(() -> RegionTable.of(Map.of("us", List.of("us-west", "US-WEST"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> RegionTable.of(Map.of("us", List.of("us-west"), "US", List.of("us-east"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }
}
