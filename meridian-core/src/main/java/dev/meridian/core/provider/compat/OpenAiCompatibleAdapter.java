package dev.meridian.core.provider.compat;

import dev.meridian.core.protocol.openai.OpenAiProtocolAdapter;
import dev.meridian.core.protocol.openai.OpenAiRequestEncoder;
import dev.meridian.core.provider.ProviderSettings;
import java.util.Map;

/**
 * Any server that speaks the OpenAI chat completions protocol: DeepSeek, Qwen (DashScope compatible mode),
 * Moonshot, Zhipu, Mistral, Groq, OpenRouter, Ollama, vLLM. The base URL has no default and must name the
 * prefix before {@code /chat/completions} (e.g. {@code http://localhost:8000/v1}); the key, when set, is
 * sent as {@code Authorization: Bearer}, and none is sent without one (local servers). The output limit goes
 * in {@code max_tokens}, the field these servers share; every parameter is passed and the server judges it.
 * Server-specific knobs (vLLM's {@code chat_template_kwargs}, Qwen's {@code enable_thinking}) go in
 * {@code extraBody}; {@code streamUsage: false} for servers that reject {@code stream_options}.
 */
public final class OpenAiCompatibleAdapter extends OpenAiProtocolAdapter {

    public OpenAiCompatibleAdapter(ProviderSettings settings) {
        super(
                settings,
                OpenAiRequestEncoder.TokenLimit.MAX_TOKENS,
                ALL_PARAMS,
                settings.apiKey() == null ? Map.of() : Map.of("Authorization", "Bearer " + settings.apiKey()));
    }
}
