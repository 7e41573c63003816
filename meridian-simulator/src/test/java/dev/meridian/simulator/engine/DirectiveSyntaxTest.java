package dev.meridian.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectiveSyntaxTest {

    @Test
    void extract_readsValuesFlagsAndQuotedText() {
        DirectiveSyntax.Extracted extracted = DirectiveSyntax.extract(
                "Tell me [sim status=429 retry_after=2 hang reply=\"a [quoted] \\\"reply\\\"\"] a joke");

        Directives d = extracted.directives();
        assertThat(extracted.text()).isEqualTo("Tell me a joke");
        assertThat(d.status()).hasValue(429);
        assertThat(d.retryAfterSeconds()).hasValue(2);
        assertThat(d.hang()).isTrue();
        assertThat(d.reply()).hasValue("a [quoted] \"reply\"");
        assertThat(d.failsWithStatus()).isTrue();
    }

    @Test
    void extract_mergesSeveralBlocksInOrder() {
        Directives d = DirectiveSyntax.extract("[sim tokens=5] x [sim tokens=7 safety]")
                .directives();

        assertThat(d.tokens()).hasValue(7);
        assertThat(d.safety()).isTrue();
    }

    @Test
    void error_readsFromTextAndJson_andRoundTrips() {
        Directives fromText =
                DirectiveSyntax.extract("Hi [sim error=context_length]").directives();
        Directives fromJson = DirectiveSyntax.fromJson(Json.object().put("error", "content_policy"), Set.of());

        assertThat(fromText.error()).hasValue(ProviderError.CONTEXT_LENGTH);
        assertThat(fromJson.error()).hasValue(ProviderError.CONTENT_POLICY);
        assertThat(DirectiveSyntax.toJson(fromJson).path("error").asText()).isEqualTo("content_policy");
        assertThat(fromText.overriddenBy(fromJson).error()).hasValue(ProviderError.CONTENT_POLICY);
        assertThatThrownBy(() -> DirectiveSyntax.extract("[sim error=too_long]"))
                .hasMessage("sim directive 'error' must be one of context_length, content_policy, got 'too_long'");
    }

    @Test
    void extract_withoutBlock_returnsTextUnchanged() {
        DirectiveSyntax.Extracted extracted = DirectiveSyntax.extract("  plain [simple] text ");

        assertThat(extracted.text()).isEqualTo("  plain [simple] text ");
        assertThat(extracted.directives()).isEqualTo(Directives.NONE);
    }

    @Test
    void extract_badInput_failsNamingTheDirective() {
        assertThatThrownBy(() -> DirectiveSyntax.extract("[sim bogus=1]")).hasMessage("unknown sim directive 'bogus'");
        assertThatThrownBy(() -> DirectiveSyntax.extract("[sim status=abc]"))
                .hasMessage("sim directive 'status' needs an integer, got 'abc'");
        assertThatThrownBy(() -> DirectiveSyntax.extract("[sim delay_ms]")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DirectiveSyntax.extract("[sim status=42]")).hasMessageContaining("HTTP status");
    }

    @Test
    void strip_removesBlocksWithoutParsingThem() {
        assertThat(DirectiveSyntax.strip("a [sim nonsense=!] b")).isEqualTo("a b");
    }

    @Test
    void json_roundTripsEveryDirective() {
        Directives all = Directives.NONE
                .withStatus(503)
                .withRetryAfterSeconds(1)
                .withDelayMs(2)
                .withHang()
                .withCutAfter(3)
                .withMalformed()
                .withChunkDelayMs(4)
                .withReply("r")
                .withTokens(5)
                .withTool("t")
                .withRedactedThinking()
                .withSafety()
                .withCached(6)
                .withPromptBlocked()
                .withError(ProviderError.CONTEXT_LENGTH);

        ObjectNode json = DirectiveSyntax.toJson(all);

        assertThat(DirectiveSyntax.fromJson(json, Set.of())).isEqualTo(all);
        assertThat(DirectiveSyntax.toJson(Directives.NONE)).isEmpty();
    }

    @Test
    void overriddenBy_prefersTheOtherSetsValues() {
        Directives inline = Directives.NONE.withReply("inline").withTokens(3);
        Directives queued = Directives.NONE.withReply("queued").withHang();

        Directives merged = inline.overriddenBy(queued);

        assertThat(merged.reply()).hasValue("queued");
        assertThat(merged.tokens()).hasValue(3);
        assertThat(merged.hang()).isTrue();
    }
}
