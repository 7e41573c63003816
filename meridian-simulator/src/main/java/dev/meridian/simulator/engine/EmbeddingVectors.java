package dev.meridian.simulator.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic embeddings that behave like a real model's where a gateway can tell: each word of the text (lower
 * case, split at anything but a letter or digit) has a pseudo-random direction seeded by its hash, and the text's
 * vector is the sum of its words' directions, normalised. Equal texts get equal vectors; texts sharing most of their
 * words get close ones (two texts of n words differing in one have a cosine similarity of about (n-1)/n); texts
 * sharing none are nearly orthogonal. A text without a word is hashed whole. Pure and thread-safe.
 */
public final class EmbeddingVectors {

    private EmbeddingVectors() {}

    /** A unit-length vector of {@code dimensions} floats for {@code text}. */
    public static float[] vector(String text, int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
        }
        double[] sum = new double[dimensions];
        int words = 0;
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean wordChar = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                add(sum, Hashing.fnv1a64(lower.substring(start, i)));
                words++;
                start = -1;
            }
        }
        if (words == 0) {
            add(sum, Hashing.fnv1a64(text));
        }
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (sum[i] / norm);
        }
        return vector;
    }

    /** Adds one word's direction: Gaussian components seeded by its hash, so every word's direction is its own. */
    private static void add(double[] sum, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += random.nextGaussian();
        }
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
