package dev.meridian.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmbeddingVectorsTest {

    private static double cosine(String a, String b) {
        float[] x = EmbeddingVectors.vector(a, 1536);
        float[] y = EmbeddingVectors.vector(b, 1536);
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot;
    }

    @Test
    void vector_isUnitLengthAndDeterministic() {
        float[] v = EmbeddingVectors.vector("What is the capital of France?", 768);
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        assertThat(EmbeddingVectors.vector("What is the capital of France?", 768))
                .containsExactly(v);
    }

    @Test
    void vector_ignoresCaseAndPunctuation() {
        assertThat(cosine("What is the capital of France?", "what is the capital of france"))
                .isCloseTo(1.0, within(1e-6));
    }

    @Test
    void vector_nearDuplicatesAreClose_unrelatedTextsNearlyOrthogonal() {
        // 8 words against 7 of them: about 7 / sqrt(8 * 7) = 0.935.
        assertThat(cosine("please tell me the capital city of france", "please tell me the capital of france"))
                .isBetween(0.90, 0.97);
        assertThat(cosine("please tell me the capital city of france", "how tall is mount everest in metres"))
                .isBetween(-0.1, 0.1);
    }

    @Test
    void vector_textWithoutWords_isHashedWhole() {
        assertThat(cosine("?!", "?!")).isCloseTo(1.0, within(1e-6));
        assertThat(cosine("?!", "...")).isBetween(-0.1, 0.1);
    }
}
