package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrefixAffinityTest {

    private final List<Deployment<String>> four = List.of(
            TestDeployment.named("east-1").build(),
            TestDeployment.named("east-2").build(),
            TestDeployment.named("west-1").build(),
            TestDeployment.named("west-2").build());

    private String preferred(List<Deployment<String>> deployments, long fingerprint) {
        List<Deployment<String>> usable = new ArrayList<>(deployments);
        java.util.Collections.shuffle(usable);
        PrefixAffinity.preferFirst(usable, fingerprint);
        return usable.get(0).id();
    }

    @Test
    void preferFirst_samePrefixInAnyOrder_sameDeployment() {
        String first = preferred(four, 0x5eed_cafe_f00dL);
        for (int i = 0; i < 20; i++) {
            assertThat(preferred(four, 0x5eed_cafe_f00dL)).isEqualTo(first);
        }
    }

    @Test
    void preferFirst_manyPrefixes_spreadOverEveryDeployment() {
        Map<String, Integer> counts = new HashMap<>();
        for (long f = 0; f < 4_000; f++) {
            counts.merge(preferred(four, f * 0x9E3779B97F4A7C15L), 1, Integer::sum);
        }
        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
    }

    @Test
    void preferFirst_preferredDeploymentGone_prefixMovesAndOnlyItsPrefixesMove() {
        Set<Long> moved = new HashSet<>();
        for (long f = 0; f < 1_000; f++) {
            long fingerprint = f * 0x9E3779B97F4A7C15L;
            String before = preferred(four, fingerprint);
            List<Deployment<String>> withoutEast1 =
                    four.stream().filter(d -> !d.id().equals("east-1")).toList();
            String after = preferred(withoutEast1, fingerprint);
            assertThat(after).isNotEqualTo("east-1");
            if (!after.equals(before)) {
                assertThat(before).isEqualTo("east-1");
                moved.add(fingerprint);
            }
        }
        assertThat(moved).isNotEmpty();
    }

    @Test
    void preferFirst_weights_shareInProportion() {
        List<Deployment<String>> weighted = List.of(
                TestDeployment.named("big").weight(3).build(),
                TestDeployment.named("small").weight(1).build());
        int big = 0;
        for (long f = 0; f < 4_000; f++) {
            if (preferred(weighted, f * 0x9E3779B97F4A7C15L).equals("big")) {
                big++;
            }
        }
        assertThat(big).isBetween(2_800, 3_200);
    }

    @Test
    void preferFirst_keepsTheOthersInTheStrategysOrder() {
        List<Deployment<String>> usable = new ArrayList<>(four);
        PrefixAffinity.preferFirst(usable, 42);
        List<Deployment<String>> rest = new ArrayList<>(four);
        rest.remove(usable.get(0));
        assertThat(usable.subList(1, 4)).containsExactlyElementsOf(rest);
    }
}
