package dev.meridian.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.routing.ModelPrice;
import org.junit.jupiter.api.Test;

class PriceCatalogueTest {

    private final PriceCatalogue catalogue = PriceCatalogue.bundled();

    @Test
    void theBundledCatalogue_isDated_andPricesEveryModelItLists() {
        assertThat(catalogue.date()).isEqualTo("2026-12-03");
        assertThat(catalogue.entries()).hasSizeGreaterThanOrEqualTo(40).allSatisfy(e -> {
            assertThat(e.price().inputPerMillion()).as(e.id()).isPositive();
            assertThat(e.price().highest()).as(e.id()).isLessThan(1_000);
        });
    }

    @Test
    void anthropicModel_hasItsCacheWriteSurchargeAndLimits() {
        CatalogueEntry sonnet = catalogue.find("claude-sonnet-4-5").orElseThrow();
        assertThat(sonnet.price()).isEqualTo(new ModelPrice(3.0, 15.0, 0.3, 3.75, 15.0));
        assertThat(sonnet.contextWindow()).isEqualTo(200_000);
        assertThat(sonnet.maxOutput()).isEqualTo(64_000);
    }

    @Test
    void aModelWithoutCacheWriteFee_billsCacheWritesAtTheInputPrice() {
        ModelPrice gpt4o = catalogue.find("gpt-4o").orElseThrow().price();
        assertThat(gpt4o.cacheWritePerMillion()).isEqualTo(gpt4o.inputPerMillion());
        assertThat(gpt4o.reasoningPerMillion()).isEqualTo(gpt4o.outputPerMillion());
    }

    @Test
    void providerSpellingsOfTheSameModel_findItsEntry() {
        for (String name : new String[] {
            "claude-sonnet-4-5-20250929",
            "claude-sonnet-4-5@20250929",
            "anthropic/claude-sonnet-4-5",
            "Claude-Sonnet-4-5"
        }) {
            assertThat(catalogue.find(name)).as(name).map(CatalogueEntry::id).contains("claude-sonnet-4-5");
        }
        assertThat(catalogue.find("gpt-4o-2024-08-06")).map(CatalogueEntry::id).contains("gpt-4o");
        assertThat(catalogue.find("models/gemini-2.5-flash"))
                .map(CatalogueEntry::id)
                .contains("gemini-2.5-flash");
        assertThat(catalogue.find("gemini-2.0-flash-001"))
                .map(CatalogueEntry::id)
                .contains("gemini-2.0-flash");
    }

    @Test
    void anUnknownModel_isNotFound_andGetsTheCallersFallbackLimit() {
        assertThat(catalogue.find("my-finetune-7b")).isEmpty();
        assertThat(catalogue.find("")).isEmpty();
        assertThat(catalogue.find(null)).isEmpty();
        assertThat(catalogue.maxOutput("my-finetune-7b", 4096)).isEqualTo(4096);
        assertThat(catalogue.maxOutput("claude-haiku-4-5", 4096)).isEqualTo(64_000);
    }
}
