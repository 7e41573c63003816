package dev.meridian.server.config;

import dev.meridian.core.pricing.CatalogueEntry;
import dev.meridian.core.pricing.PriceCatalogue;
import java.util.List;
import java.util.Optional;

/**
 * Checks a group's semantic cache: a similarity threshold in (0, 1], a positive bound, and an embedding model that
 * is an embeddings group of this gateway. A group serves embeddings when every deployment's price (its own, else
 * the group's, else the price catalogue's for its model) charges nothing for output: that is what an embedding
 * model's price looks like, and the only thing the configuration says about what a model does.
 */
final class SemanticValidator {

    /** The most entries one group's index may hold: at 1536 dimensions each weighs about 7 KB. */
    static final int MAX_ENTRIES = 10_000_000;

    /** The widest vector the index takes. */
    static final int MAX_DIMENSIONS = 4096;

    private SemanticValidator() {}

    static void semantic(String key, String group, CacheConfig policy, MeridianConfig c, List<String> problems) {
        SemanticCacheConfig s = policy.semantic();
        if (!s.enabled()) {
            return;
        }
        if (!policy.enabled()) {
            problems.add(key + ".enabled: the semantic cache needs the response cache (set cache.enabled: true)");
        }
        if (!(s.threshold() > 0 && s.threshold() <= 1)) {
            problems.add(key + ".threshold: must be a cosine similarity above 0 and at most 1");
        }
        if (s.maxEntries() < 1 || s.maxEntries() > MAX_ENTRIES) {
            problems.add(key + ".maxEntries: must be between 1 and " + MAX_ENTRIES);
        }
        if (s.dimensions() != null && (s.dimensions() < 1 || s.dimensions() > MAX_DIMENSIONS)) {
            problems.add(key + ".dimensions: must be between 1 and " + MAX_DIMENSIONS + " (the index's limit)");
        }
        String model = s.embeddingModel();
        if (model == null || model.isBlank()) {
            problems.add(key + ".embeddingModel: required: the model group that embeds the prompts");
            return;
        }
        ModelConfig embedding = c.models().get(model);
        if (embedding == null) {
            problems.add(key + ".embeddingModel: '" + model + "' is not a model group of this configuration");
        } else if (model.equals(group) || embedding.smart() || !servesEmbeddings(embedding)) {
            problems.add(key + ".embeddingModel: '" + model + "' is not an embeddings group (each of its deployments"
                    + " must be an embedding model: one the price catalogue lists without an output price, or one"
                    + " whose price says output: 0)");
        }
    }

    private static boolean servesEmbeddings(ModelConfig group) {
        List<ModelConfig.DeploymentConfig> deployments = group.allDeployments();
        if (deployments.isEmpty()) {
            return false;
        }
        for (ModelConfig.DeploymentConfig d : deployments) {
            Optional<Double> output = d.price() != null
                    ? Optional.of(d.price().output())
                    : group.price() != null
                            ? Optional.of(group.price().output())
                            : PriceCatalogue.bundled()
                                    .find(d.model())
                                    .map(CatalogueEntry::price)
                                    .map(p -> p.outputPerMillion());
            if (output.isEmpty() || output.get() != 0) {
                return false;
            }
        }
        return true;
    }
}
