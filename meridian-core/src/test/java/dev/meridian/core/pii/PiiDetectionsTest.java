package dev.meridian.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a request's PII detections record: classes, the action taken for each, counts; never a value. */
class PiiDetectionsTest {

    private static final PiiPolicy POLICY = new PiiPolicy(
            true, PiiAction.MASK, Map.of("card", PiiAction.BLOCK, "ipv4", PiiAction.ALLOW), true, PiiScanner.BUILT_IN);

    @Test
    void json_namesEachClassWithItsPolicyActionAndCount_classesSorted() {
        PiiDetections d = PiiDetections.of(POLICY, Map.of("email", 2, "card", 1, "ipv4", 3));

        assertThat(d.json()).isEqualTo("{\"card\":{\"block\":1},\"email\":{\"mask\":2},\"ipv4\":{\"allow\":3}}");
        List<String> visited = new ArrayList<>();
        d.forEach((type, action, count) -> visited.add(type + ":" + action + "=" + count));
        assertThat(visited).containsExactly("card:block=1", "email:mask=2", "ipv4:allow=3");
    }

    @Test
    void nothingFound_isNone_andHasNoStoredForm() {
        assertThat(PiiDetections.of(POLICY, Map.of())).isSameAs(PiiDetections.NONE);
        assertThat(PiiDetections.NONE.json()).isNull();
    }

    @Test
    void parse_readsTheStoredForm_andAnythingElseAsEmpty() {
        assertThat(PiiDetections.parse("{\"email\":{\"mask\":2}}")
                        .at("/email/mask")
                        .asInt())
                .isEqualTo(2);
        assertThat(PiiDetections.parse(null).isEmpty()).isTrue();
        assertThat(PiiDetections.parse("[1]").isEmpty()).isTrue();
        assertThat(PiiDetections.parse("not json").isEmpty()).isTrue();
    }
}
