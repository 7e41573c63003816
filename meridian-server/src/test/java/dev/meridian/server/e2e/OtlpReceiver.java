package dev.meridian.server.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP trace receiver in the test's process: the JDK's HTTP server on a free loopback port, decoding each
 * {@code ExportTraceServiceRequest} (protobuf, as the exporter sends it) with the protocol's own classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A received span, its ids in hex as a {@code traceparent} writes them. */
    record Received(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Span.SpanKind kind,
            boolean error,
            Map<String, String> attributes,
            Map<String, String> resource) {

        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                contentTypes.add(exchange.getRequestHeaders().getFirst("content-type"));
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
                for (ResourceSpans rs : request.getResourceSpansList()) {
                    Map<String, String> resource = attributes(rs.getResource());
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        for (Span s : ss.getSpansList()) {
                            spans.add(received(s, resource));
                        }
                    }
                }
            }
            byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("content-type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<Received> spans() {
        return new ArrayList<>(spans);
    }

    List<Received> trace(String traceId) {
        return spans().stream().filter(s -> s.traceId().equals(traceId)).collect(Collectors.toList());
    }

    List<String> contentTypes() {
        return contentTypes;
    }

    private static Received received(Span s, Map<String, String> resource) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (KeyValue kv : s.getAttributesList()) {
            attributes.put(kv.getKey(), text(kv.getValue()));
        }
        return new Received(
                hex(s.getTraceId().toByteArray()),
                hex(s.getSpanId().toByteArray()),
                s.getParentSpanId().isEmpty() ? null : hex(s.getParentSpanId().toByteArray()),
                s.getName(),
                s.getKind(),
                s.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
                attributes,
                resource);
    }

    private static Map<String, String> attributes(Resource resource) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (KeyValue kv : resource.getAttributesList()) {
            out.put(kv.getKey(), text(kv.getValue()));
        }
        return out;
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            default -> v.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
