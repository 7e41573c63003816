package dev.meridian.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upstream we did not write: nginx (Debian's package) answering every chat completion with the same bytes, a
 * JSON completion, or an SSE stream when the request accepts {@code text/event-stream} (as the gateway's upstream
 * requests for streams do). It has no model list ({@code /v1/models} is 404), like many OpenAI-compatible servers,
 * so the gateway's health checks meet what they meet in the field. The stream has the simulator's shape at 64
 * tokens: a role chunk, 64 content chunks, a finish chunk, a usage chunk and {@code [DONE]}.
 *
 * <p>Under {@link #CACHED_PATH} it answers the cached model group's requests with a longer text: a 2 KB JSON
 * completion (the size issue 12's hit-latency target is set for), or the same text as a 64-chunk stream.
 */
public final class FixedUpstream {

    static final String MODEL = ServerConfigs.SIM_OPENAI_MODEL;
    /** The base path of the cached group's provider: {@code <CACHED_PATH>/v1/chat/completions}. */
    static final String CACHED_PATH = "/cached";

    private static final String SHORT_TEXT = "The schedule may have been paused when SSO changed the account that owns"
            + " the report: open the report, check Schedule, and resume it if it shows Paused.";
    private static final String LONG_TEXT = SHORT_TEXT
            + " When single sign-on is turned on, reports owned by accounts that have not yet signed in through the"
            + " identity provider keep their schedules but stop running: the owner's old password session is no longer"
            + " accepted, so the scheduler cannot act for them. Three things to check, in order. First, open Admin >"
            + " Users and look for the report owner's account: if it shows Pending SSO, ask them to sign in once through"
            + " your identity provider. Second, open the report's Schedule tab: a schedule paused by the system shows a"
            + " banner naming the reason and a Resume button; resuming it runs the next delivery at the usual time, not"
            + " immediately. Third, if the owner has left the company, transfer ownership to an active account under"
            + " Report settings > Owner before resuming, otherwise it will pause again. For the missed Monday"
            + " delivery, open the run history and choose Run now with the date range of last week: the recipients"
            + " receive the same e-mail they would have received, marked as a late delivery. If the run history shows"
            + " no attempt at all on Monday, the schedule was paused before 08:00 Europe/Paris; if it shows an attempt"
            + " that failed with an authorisation error, the owner's session expired at the SSO change and the steps"
            + " above resolve it. To avoid this at the next identity-provider change, give scheduled reports a service"
            + " account as owner.";

    private FixedUpstream() {}

    /** The non-streamed answer: 723 bytes. */
    static String completion() {
        return completion(SHORT_TEXT, 64);
    }

    /** The cached group's non-streamed answer: 2,062 bytes (the simulator's for the cached group: 2,060). */
    static String cachedCompletion() {
        return completion(LONG_TEXT, 370);
    }

    private static String completion(String text, int tokens) {
        return "{\"id\":\"chatcmpl-fixed0123456789abcdefghij\",\"object\":\"chat.completion\",\"created\":1764633600,"
                + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + text + "\",\"refusal\":null,"
                + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
                + "241,\"completion_tokens\":" + tokens + ",\"total_tokens\":" + (241 + tokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0,"
                + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_fixed\"}";
    }

    /** The streamed answer, events separated by blank lines (public for the relay's JMH benchmark). */
    public static String stream() {
        String[] words = new String[64];
        for (int i = 0; i < 64; i++) {
            words[i] = "word" + i + " ";
        }
        return stream(words, 64);
    }

    /** The cached group's text as a stream of 64 content chunks. */
    static String cachedStream() {
        String[] words = new String[64];
        int per = (LONG_TEXT.length() + 63) / 64;
        for (int i = 0; i < 64; i++) {
            words[i] = LONG_TEXT.substring(
                    Math.min(i * per, LONG_TEXT.length()), Math.min((i + 1) * per, LONG_TEXT.length()));
        }
        return stream(words, 370);
    }

    private static String stream(String[] chunks, int tokens) {
        String head = "data: {\"id\":\"chatcmpl-fixed\",\"object\":\"chat.completion.chunk\",\"created\":1764633600,"
                + "\"model\":\"" + MODEL + "\",\"system_fingerprint\":\"fp_fixed\",\"choices\":[";
        StringBuilder sse = new StringBuilder();
        sse.append(head)
                .append(
                        "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String chunk : chunks) {
            sse.append(head)
                    .append("{\"index\":0,\"delta\":{\"content\":\"")
                    .append(chunk)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append(head).append("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sse.append(head)
                .append("],\"usage\":{\"prompt_tokens\":241,\"completion_tokens\":" + tokens + ",\"total_tokens\":"
                        + (241 + tokens) + "}}\n\n");
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    /**
     * nginx's configuration, written to {@code dir/upstream-nginx.conf}, with the two answers as files under
     * {@code dir/fixed}; everything nginx writes stays under dir. nginx serves files to GET only, so a POST's 405 is
     * turned into the file with status 200 ({@code error_page 405 =200 $uri}), the usual way to give fixed answers
     * to POSTs.
     */
    static Path nginxConf(Path dir, int port, String workers) {
        String conf = """
                # Generated by meridian-bench LoadBenchmark (--upstream nginx).
                worker_processes %1$s;
                daemon off;
                master_process on;
                pid %2$s/upstream-nginx.pid;
                error_log %2$s/upstream-error.log warn;
                events {
                    worker_connections 4096;
                }
                http {
                    access_log off;
                    client_body_temp_path %2$s/upstream_client_body;
                    proxy_temp_path %2$s/upstream_proxy;
                    fastcgi_temp_path %2$s/upstream_fastcgi;
                    uwsgi_temp_path %2$s/upstream_uwsgi;
                    scgi_temp_path %2$s/upstream_scgi;
                    keepalive_timeout 300s;
                    keepalive_requests 1000000;
                    root %2$s/fixed;
                    server {
                        listen 127.0.0.1:%3$d;
                        location = /v1/chat/completions {
                            if ($http_accept ~* "event-stream") {
                                rewrite ^ /stream.sse last;
                            }
                            rewrite ^ /completion.json last;
                        }
                        location = /completion.json {
                            default_type application/json;
                            error_page 405 =200 $uri;
                        }
                        location = /stream.sse {
                            default_type text/event-stream;
                            error_page 405 =200 $uri;
                        }
                        location = %4$s/v1/chat/completions {
                            if ($http_accept ~* "event-stream") {
                                rewrite ^ /cached-stream.sse last;
                            }
                            rewrite ^ /cached-completion.json last;
                        }
                        location = /cached-completion.json {
                            default_type application/json;
                            error_page 405 =200 $uri;
                        }
                        location = /cached-stream.sse {
                            default_type text/event-stream;
                            error_page 405 =200 $uri;
                        }
                        location = /_sim/health {
                            default_type application/json;
                            return 200 '{"status":"UP"}';
                        }
                    }
                }
                """.formatted(workers, dir, port, CACHED_PATH);
        try {
            Path fixed = dir.resolve("fixed");
            Files.createDirectories(fixed);
            Files.writeString(fixed.resolve("completion.json"), completion());
            Files.writeString(fixed.resolve("stream.sse"), stream());
            Files.writeString(fixed.resolve("cached-completion.json"), cachedCompletion());
            Files.writeString(fixed.resolve("cached-stream.sse"), cachedStream());
            Path file = dir.resolve("upstream-nginx.conf");
            Files.writeString(file, conf);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
