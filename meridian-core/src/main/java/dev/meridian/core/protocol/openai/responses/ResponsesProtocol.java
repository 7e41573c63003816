package dev.meridian.core.protocol.openai.responses;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.Operation;
import dev.meridian.core.protocol.openai.OpenAiErrors;
import dev.meridian.core.provider.Protocol;

/**
 * The front door of OpenAI's Responses API ({@code POST /v1/responses}). A chat operation: it routes to chat model
 * groups like chat completions. To an OpenAI-protocol deployment that serves the Responses API
 * ({@code responsesApi}) the body passes through; to any other it is translated through the canonical chat
 * model, streams included. Errors are OpenAI's. Answers are not cached (each is a new stored response). Stateless.
 */
public final class ResponsesProtocol implements InboundProtocol {

    public static final ResponsesProtocol INSTANCE = new ResponsesProtocol();

    private ResponsesProtocol() {}

    @Override
    public Protocol protocol() {
        return Protocol.OPENAI_RESPONSES;
    }

    @Override
    public Operation operation() {
        return Operation.CHAT;
    }

    /** Parses and validates the whole body: a malformed field is a 400 naming it, before anything is routed. */
    @Override
    public InboundRequest read(byte[] body) {
        return new ResponsesRequest(ResponsesReader.read(body));
    }

    @Override
    public byte[] encodeError(GatewayException e) {
        return OpenAiErrors.encode(e);
    }
}
