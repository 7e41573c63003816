package dev.meridian.server.cache.semantic;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with its HNSW vector format allowed up to {@link #MAX_DIMENSIONS} dimensions instead of
 * 1024: OpenAI's {@code text-embedding-3-small} has 1536 and {@code -large} 3072. The files are the standard
 * format's, under its name, so Lucene reads them back with its own reader.
 */
final class WideVectorCodec extends Lucene912Codec {

    static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat vectors = new WideHnsw();

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
    }

    private static final class WideHnsw extends KnnVectorsFormat {

        private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat();

        WideHnsw() {
            super("Lucene99HnswVectorsFormat");
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    }
}
