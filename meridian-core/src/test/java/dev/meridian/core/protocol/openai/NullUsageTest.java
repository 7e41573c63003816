package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NullUsageTest {

    private static String strip(String raw) {
        return new String(NullUsage.strip(raw.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aNullUsageMember_isTakenOut_whereverItStands() {
        assertThat(strip("data: {\"id\":\"c1\",\"choices\":[],\"usage\":null}\n\n"))
                .isEqualTo("data: {\"id\":\"c1\",\"choices\":[]}\n\n");
        assertThat(strip("data: {\"usage\": null, \"id\":\"c1\"}\n\n")).isEqualTo("data: { \"id\":\"c1\"}\n\n");
        assertThat(strip("data: {\"id\":\"c1\" ,\n \"usage\" :  null }\n\n")).isEqualTo("data: {\"id\":\"c1\"  }\n\n");
        assertThat(strip("data: {\"usage\":null}\n\n")).isEqualTo("data: {}\n\n");
    }

    @Test
    void aChunkWithoutANullUsage_isTheSameArray() {
        byte[] raw = "data: {\"id\":\"c1\",\"usage\":{\"prompt_tokens\":3}}\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(NullUsage.strip(raw)).isSameAs(raw);
    }

    @Test
    void usageNullWrittenInsideAString_isContent_andStays() {
        String raw = "data: {\"choices\":[{\"delta\":{\"content\":\"{\\\"usage\\\":null}\"}}],\"usage\":null}\n\n";
        assertThat(strip(raw))
                .isEqualTo("data: {\"choices\":[{\"delta\":{\"content\":\"{\\\"usage\\\":null}\"}}]}\n\n");
    }
}
