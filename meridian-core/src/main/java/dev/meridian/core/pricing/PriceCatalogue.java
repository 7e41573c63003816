package dev.meridian.core.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.routing.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dated list prices and limits of the models the gateway knows, shipped with it ({@code catalogue.json}
 * beside this class; its sources are in {@code docs/research/price-catalogue-2026-12-03/}). A deployment's own
 * {@code price} in the configuration overrides its entry.
 *
 * <p>A model is found by its provider name as a deployment gives it, with what providers add to the same model
 * taken off: a date or version suffix ({@code claude-sonnet-4-5-20250929}, {@code gpt-4o-2024-08-06},
 * {@code claude-sonnet-4-5@20250929}, {@code gemini-2.0-flash-001}), Gemini's {@code models/} prefix and a router's
 * {@code vendor/} prefix, and letter case. Immutable and thread-safe.
 */
public final class PriceCatalogue {

    private static final String RESOURCE = "catalogue.json";
    private static final Pattern SUFFIX = Pattern.compile("(-\\d{8}|-\\d{4}-\\d{2}-\\d{2}|@\\d{8}|-\\d{3})$");

    private final String date;
    private final Map<String, CatalogueEntry> byId;

    private PriceCatalogue(String date, Map<String, CatalogueEntry> byId) {
        this.date = date;
        this.byId = byId;
    }

    private static final class Bundled {
        static final PriceCatalogue INSTANCE = load();
    }

    /** The catalogue shipped with this build. */
    public static PriceCatalogue bundled() {
        return Bundled.INSTANCE;
    }

    /** The day the catalogue's prices were compiled, as {@code YYYY-MM-DD}. */
    public String date() {
        return date;
    }

    /** Every entry, in the catalogue's order. */
    public List<CatalogueEntry> entries() {
        return new ArrayList<>(byId.values());
    }

    /** The entry for a provider's model name, or empty when the catalogue does not know it. */
    public Optional<CatalogueEntry> find(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String name = model.toLowerCase(Locale.ROOT);
        CatalogueEntry exact = byId.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        String stripped = SUFFIX.matcher(name).replaceFirst("");
        return Optional.ofNullable(byId.getOrDefault(name, byId.get(stripped)));
    }

    /** The most output tokens {@code model} writes in one answer, or {@code fallback} when the catalogue has none. */
    public int maxOutput(String model, int fallback) {
        return find(model).map(CatalogueEntry::maxOutput).filter(n -> n > 0).orElse(fallback);
    }

    private static PriceCatalogue load() {
        try (InputStream in = PriceCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, CatalogueEntry> byId = new LinkedHashMap<>();
            for (JsonNode m : root.path("models")) {
                CatalogueEntry e = entry(m);
                byId.put(e.id().toLowerCase(Locale.ROOT), e);
            }
            return new PriceCatalogue(root.path("date").asText(), Map.copyOf(byId));
        } catch (IOException e) {
            throw new UncheckedIOException("the price catalogue cannot be read", e);
        }
    }

    private static CatalogueEntry entry(JsonNode m) {
        double input = m.path("input").asDouble();
        double output = m.path("output").asDouble();
        ModelPrice price = new ModelPrice(
                input,
                output,
                m.path("cachedInput").asDouble(input),
                m.path("cacheWrite").asDouble(input),
                m.path("reasoning").asDouble(output));
        return new CatalogueEntry(
                m.path("id").asText(),
                m.path("provider").asText(),
                price,
                m.path("contextWindow").asInt(0),
                m.path("maxOutput").asInt(0));
    }
}
