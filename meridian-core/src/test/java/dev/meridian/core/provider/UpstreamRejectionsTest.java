package dev.meridian.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification rules; the goldens cover each provider's whole error body. */
class UpstreamRejectionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            context_length_exceeded  | null
            CONTEXT_LENGTH_EXCEEDED  | null
            invalid_request_error    | This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.
            null                     | This endpoint's maximum context length is 32768 tokens. However, you requested about 42832 tokens.
            null                     | Please reduce the length of the messages or completion. Current length is 42328 while limit is 40000
            invalid_request_error    | prompt is too long: 210000 tokens > 200000 maximum
            invalid_request_error    | input length and `max_tokens` exceed context limit: 199759 + 8192 > 200000, decrease input length
            INVALID_ARGUMENT         | The input token count (132478) exceeds the maximum number of tokens allowed (131072).
            """)
    void classify_contextWindow(String code, String message) {
        assertThat(UpstreamRejections.classify(400, code, message)).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            content_policy_violation | null
            content_filter           | null
            invalid_prompt           | Invalid prompt: your prompt was flagged as potentially violating our usage policy.
            null                     | Your request was rejected as a result of our safety system.
            null                     | The response was filtered due to the prompt triggering Azure OpenAI's content management policy.
            invalid_request_error    | Output blocked by content filtering policy
            """)
    void classify_contentPolicy(String code, String message) {
        assertThat(UpstreamRejections.classify(400, code, message)).isEqualTo(ErrorCode.CONTENT_POLICY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            decimal_above_max_value  | Invalid 'temperature': decimal above maximum value.
            string_above_max_length  | Invalid 'messages[0].content': string too long. Expected a string with maximum length 10485760.
            invalid_prompt           | Invalid prompt: the schema is not valid.
            invalid_request_error    | max_tokens: 10000 > 4096, which is the maximum allowed number of output tokens
            INVALID_ARGUMENT         | * GenerateContentRequest.generation_config.candidate_count: must be less than or equal to 8.
            null                     | null
            """)
    void classify_otherRefusal_staysUpstreamInvalidRequest(String code, String message) {
        assertThat(UpstreamRejections.classify(400, code, message)).isEqualTo(ErrorCode.UPSTREAM_INVALID_REQUEST);
    }

    @Test
    void classify_413_isBodySizeNeverContextWindow() {
        assertThat(UpstreamRejections.classify(413, "request_too_large", "prompt is too long: 1 tokens > 0 maximum"))
                .isEqualTo(ErrorCode.UPSTREAM_INVALID_REQUEST);
    }

    @Test
    void fromStatus_keepsProviderStatusMessageAndCode() {
        var e = UpstreamErrors.fromStatus(
                "deepseek", 422, null, "This model's maximum context length is 65536 tokens.", "invalid_request_error");
        assertThat(e.code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("This model's maximum context length is 65536 tokens.");
        assertThat(e.providerCode()).isEqualTo("invalid_request_error");
        assertThat(e.provider()).isEqualTo("deepseek");
    }

    @Test
    void fromStatus_rateLimitMentioningContext_staysRateLimited() {
        var e = UpstreamErrors.fromStatus("p", 429, "3", "Please reduce the length of the messages.", null);
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }
}
