package dev.meridian.core.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {

    private static final String QUOTA =
            "{'error':{'code':429,'message':'quota','status':'RESOURCE_EXHAUSTED','details':["
                    + "{'@type':'type.googleapis.com/google.rpc.RetryInfo','retryDelay':'%s'}]}}";

    private static GatewayException decode(int status, String retryAfter, String body) {
        return GeminiErrors.decode(
                "gemini", status, retryAfter, body.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decode_retryDelayFromBody_whenNoHeader() {
        assertThat(decode(429, null, QUOTA.formatted("26s")).retryAfter()).isEqualTo("26");
        assertThat(decode(429, null, QUOTA.formatted("0.5s")).retryAfter()).isEqualTo("1");
        assertThat(decode(429, null, QUOTA.formatted("soon")).retryAfter()).isNull();
    }

    @Test
    void decode_headerWinsOverBody() {
        GatewayException e = decode(429, "3", QUOTA.formatted("26s"));
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo("3");
    }

    @Test
    void decode_notJson_keepsStatusAndSnippet() {
        GatewayException e = decode(502, null, "<html><body>Bad Gateway</body></html>");
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("Bad Gateway");
        assertThat(e.providerCode()).isNull();
    }

    @Test
    void decode_errorWrappedInArray() {
        GatewayException e = decode(400, null, "[{'error':{'code':400,'message':'bad','status':'INVALID_ARGUMENT'}}]");
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("bad");
        assertThat(e.providerCode()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void decode_permissionDeniedIsConfiguration_andAnUnknownModelIsNotFound() {
        assertThat(decode(403, null, "{'error':{'code':403,'message':'denied','status':'PERMISSION_DENIED'}}")
                        .code())
                .isEqualTo(ErrorCode.UPSTREAM_CONFIGURATION);
        assertThat(decode(404, null, "{'error':{'code':404,'message':'models/x is not found','status':'NOT_FOUND'}}")
                        .code())
                .isEqualTo(ErrorCode.UPSTREAM_NOT_FOUND);
    }

    @Test
    void decode_otherErrorInfoReasonStaysACallerError() {
        GatewayException e = decode(
                400,
                null,
                "{'error':{'code':400,'message':'bad','status':'INVALID_ARGUMENT','details':"
                        + "[{'@type':'type.googleapis.com/google.rpc.ErrorInfo','reason':'SOMETHING_ELSE'}]}}");
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_INVALID_REQUEST);
        assertThat(e.status()).isEqualTo(400);
    }
}
