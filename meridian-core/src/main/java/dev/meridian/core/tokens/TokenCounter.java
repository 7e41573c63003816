package dev.meridian.core.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.lang.ref.SoftReference;
import java.util.Locale;

/**
 * Counts tokens the way a model's provider would, for usage a provider never reported (a stream cut before its
 * usage event). OpenAI's models are counted with their own encodings (jtokkit): {@code o200k_base} for the GPT-4o,
 * GPT-4.1, GPT-5 and o-series families, {@code cl100k_base} for GPT-4, GPT-3.5 and the embedding models. Other
 * providers publish no tokenizer that runs here; their text is counted with {@code o200k_base} as an approximation
 * (Claude's and Gemini's counts for English prose differ from it by roughly a tenth to a fifth). The encodings are
 * loaded on first use, which takes about a second of CPU and 25 MiB of heap for {@code o200k_base}: count on a
 * worker thread, never on an event loop. They are held softly, so that a heap under pressure can take them back
 * (they are reloaded when next needed); cut streams are rare. Thread-safe.
 */
public final class TokenCounter {

    private static volatile SoftReference<EncodingRegistry> registry = new SoftReference<>(null);

    private TokenCounter() {}

    /** Tokens in {@code text} for {@code model} (a provider's model name; null counts as the approximation). */
    public static int count(String text, String model) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return encodingFor(model).countTokensOrdinary(text);
    }

    /** The encoding {@code model}'s text is counted with. */
    static Encoding encodingFor(String model) {
        EncodingRegistry r = registry.get();
        if (r == null) {
            r = Encodings.newLazyEncodingRegistry();
            registry = new SoftReference<>(r);
        }
        return r.getEncoding(typeFor(model));
    }

    static EncodingType typeFor(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        boolean older = m.startsWith("gpt-3.5")
                || (m.startsWith("gpt-4") && !m.startsWith("gpt-4o") && !m.startsWith("gpt-4.1"))
                || m.startsWith("text-embedding-");
        return older ? EncodingType.CL100K_BASE : EncodingType.O200K_BASE;
    }
}
