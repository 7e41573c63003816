package dev.meridian.simulator.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Deterministic embeddings: a unit vector whose components are Gaussian draws seeded by a 64-bit
 * hash of the text. Equal texts get equal vectors; different texts get nearly orthogonal ones.
 */
public final class EmbeddingVectors {

    private EmbeddingVectors() {}

    /** A unit-length vector of {@code dimensions} floats for {@code text}. */
    public static float[] vector(String text, int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
        }
        SplittableRandom random = new SplittableRandom(Hashing.fnv1a64(text));
        double[] raw = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            raw[i] = random.nextGaussian();
            norm += raw[i] * raw[i];
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (raw[i] / norm);
        }
        return vector;
    }

    /** OpenAI's {@code encoding_format: base64}: the floats as little-endian float32, base64-encoded. */
    public static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
