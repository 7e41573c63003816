package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NullUsageTest {

    /** The chunk's event without its {@code "usage": null}, as the scanner locates it; the data alone if none. */
    private static String strip(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        OpenAiChunkScanner scanner = new OpenAiChunkScanner();
        scanner.scan(bytes);
        if (scanner.usageNullStart() < 0) {
            return data;
        }
        return new String(
                NullUsage.event(bytes, scanner.usageNullStart(), scanner.usageNullEnd()), StandardCharsets.UTF_8);
    }

    @Test
    void aNullUsageMember_isTakenOut_whereverItStands() {
        assertThat(strip("{\"id\":\"c1\",\"choices\":[],\"usage\":null}"))
                .isEqualTo("data: {\"id\":\"c1\",\"choices\":[]}\n\n");
        assertThat(strip("{\"usage\": null, \"id\":\"c1\"}")).isEqualTo("data: { \"id\":\"c1\"}\n\n");
        assertThat(strip("{\"id\":\"c1\" ,\n \"usage\" :  null }")).isEqualTo("data: {\"id\":\"c1\"  }\n\n");
        assertThat(strip("{\"usage\":null}")).isEqualTo("data: {}\n\n");
    }

    @Test
    void aChunkWithUsageOrWithout_isNotTouched() {
        assertThat(strip("{\"id\":\"c1\",\"usage\":{\"prompt_tokens\":3}}"))
                .isEqualTo("{\"id\":\"c1\",\"usage\":{\"prompt_tokens\":3}}");
        assertThat(strip("{\"id\":\"c1\"}")).isEqualTo("{\"id\":\"c1\"}");
    }

    @Test
    void usageNullWrittenInsideAStringOrANestedObject_isContent_andStays() {
        assertThat(strip("{\"choices\":[{\"delta\":{\"content\":\"{\\\"usage\\\":null}\"}}],\"usage\":null}"))
                .isEqualTo("data: {\"choices\":[{\"delta\":{\"content\":\"{\\\"usage\\\":null}\"}}]}\n\n");
        assertThat(strip("{\"x\":{\"usage\":null}}")).as("not top level").isEqualTo("{\"x\":{\"usage\":null}}");
    }
}
