package dev.meridian.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestorationTest {

    private static final PiiPolicy MASK_ALL = new PiiPolicy(true, PiiAction.MASK, Map.of(), true, PiiScanner.BUILT_IN);

    private static ChatRequest chat(Message... messages) {
        return new ChatRequest(
                "m",
                List.of(messages),
                false,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Set.of(),
                null);
    }

    private final RequestMasker.Result masked = RequestMasker.apply(
            MASK_ALL, chat(Message.of(Role.USER, "Mail jane@corp.example, call 13812345678, pwd=s3cr3t-1")));

    private final PiiVault vault = masked.vault();

    @Test
    void masksEachValueWithAPlaceholderTheSameValueAlwaysGets() {
        RequestMasker.Result r = RequestMasker.apply(
                MASK_ALL,
                chat(Message.of(Role.USER, "a@b.io, 13812345678, again a@b.io"), Message.of(Role.USER, "ok")));
        assertThat(r.request().messages().get(0).text()).isEqualTo("[EMAIL_1], [PHONE_CN_1], again [EMAIL_1]");
        assertThat(r.request().messages().get(1))
                .isSameAs(r.request().messages().get(1));
        assertThat(r.found()).containsEntry("email", 2).containsEntry("phone_cn", 1);
        assertThat(r.blocked()).isEmpty();
    }

    @Test
    void blockNamesTheClassesAndKeepsTheRequest() {
        PiiPolicy policy = new PiiPolicy(
                true,
                PiiAction.MASK,
                Map.of("card", PiiAction.BLOCK, "email", PiiAction.ALLOW),
                true,
                PiiScanner.BUILT_IN);
        ChatRequest request = chat(Message.of(Role.USER, "card 4111 1111 1111 1111 of a@b.io, 13812345678"));
        RequestMasker.Result r = RequestMasker.apply(policy, request);
        assertThat(r.blocked()).containsExactly("card");
        assertThat(r.request()).isSameAs(request);
        assertThat(RequestMasker.redact(
                        policy, r.vault(), request.messages().get(0).text()))
                .isEqualTo("card [CARD_1] of a@b.io, [PHONE_CN_1]");
    }

    @Test
    void masksToolCallArgumentsAndRestoresThemEscaped() {
        ChatRequest request = chat(new Message(
                Role.ASSISTANT,
                List.of(new ContentPart.ToolCall("c1", "send", "{\"to\":\"jane@corp.example\"}", null)),
                null,
                null));
        RequestMasker.Result r = RequestMasker.apply(MASK_ALL, request);
        assertThat(r.request().messages().get(0).toolCalls().get(0).arguments()).isEqualTo("{\"to\":\"[EMAIL_1]\"}");
        PiiVault v = new PiiVault();
        v.placeholder("secret", "a\"b");
        assertThat(v.restore("{\"pw\":\"[SECRET_1]\"}", true)).isEqualTo("{\"pw\":\"a\\\"b\"}");
        assertThat(v.restore("pw [SECRET_1]", false)).isEqualTo("pw a\"b");
    }

    @Test
    void restoresACompleteAnswerTextAndToolCalls() {
        ChatResponse answer = new ChatResponse(
                "id",
                "m",
                1,
                List.of(new Choice(
                        0,
                        new Message(
                                Role.ASSISTANT,
                                List.of(
                                        ContentPart.Text.of("I wrote to [EMAIL_1] and [EMAIL_9]."),
                                        new ContentPart.ToolCall("c", "call", "{\"n\":\"[PHONE_CN_1]\"}", null)),
                                null,
                                null),
                        FinishReason.STOP)),
                null,
                null);
        ChatResponse restored = AnswerRestorer.restore(vault, answer);
        Message m = restored.choices().get(0).message();
        assertThat(m.text()).isEqualTo("I wrote to jane@corp.example and [EMAIL_9].");
        assertThat(m.toolCalls().get(0).arguments()).isEqualTo("{\"n\":\"13812345678\"}");
    }

    private static final String ANSWER = "Hi [EMAIL_1], [x] [PHONE_CN_1][EMAIL_1]! [SECRET_1] [EMAIL_2] [EMAIL_";
    private static final String ARGS = "{\"to\":\"[EMAIL_1]\",\"pw\":\"[SECRET_1]\"}";

    @Test
    void restoresAStreamSplitAtEveryPosition() {
        String expectedText = vault.restore(ANSWER, false);
        String expectedArgs = vault.restore(ARGS, true);
        assertThat(expectedText)
                .contains("jane@corp.example")
                .contains("13812345678")
                .endsWith("[EMAIL_");
        assertThat(expectedArgs).contains("jane@corp.example").contains("s3cr3t-1");
        for (int cut = 0; cut <= ANSWER.length(); cut++) {
            assertThat(relay(List.of(ANSWER.substring(0, cut), ANSWER.substring(cut)), List.of(ARGS)).text)
                    .as("text cut at %d", cut)
                    .isEqualTo(expectedText);
        }
        for (int cut = 0; cut <= ARGS.length(); cut++) {
            assertThat(relay(List.of(ANSWER), List.of(ARGS.substring(0, cut), ARGS.substring(cut))).args)
                    .as("arguments cut at %d", cut)
                    .isEqualTo(expectedArgs);
        }
        Relayed oneCharEach = relay(chars(ANSWER), chars(ARGS));
        assertThat(oneCharEach.text).isEqualTo(expectedText);
        assertThat(oneCharEach.args).isEqualTo(expectedArgs);
        assertThat(oneCharEach.finishedLast).isTrue();
    }

    @Test
    void restoresBytewiseSplitUtf8AfterDecoding() {
        // The decoder hands on whole chars; what matters is that a tail held at the end of the stream comes out.
        RestoreFilter filter = new RestoreFilter(vault);
        List<StreamEvent> out = new ArrayList<>();
        filter.onEvent(new StreamEvent.TextDelta(0, "电邮 [EMA"), out::add);
        filter.onEnd(out::add);
        assertThat(out).extracting(e -> ((StreamEvent.TextDelta) e).text()).containsExactly("电邮 ", "[EMA");
    }

    private record Relayed(String text, String args, boolean finishedLast) {}

    private Relayed relay(List<String> textParts, List<String> argParts) {
        RestoreFilter filter = new RestoreFilter(vault);
        List<StreamEvent> out = new ArrayList<>();
        filter.onEvent(new StreamEvent.Started("id", "m", 1), out::add);
        for (String t : textParts) {
            filter.onEvent(new StreamEvent.TextDelta(0, t), out::add);
        }
        boolean first = true;
        for (String a : argParts) {
            filter.onEvent(
                    new StreamEvent.ToolCallDelta(0, 0, first ? "c1" : null, first ? "send" : null, a, null), out::add);
            first = false;
        }
        filter.onEvent(new StreamEvent.Finished(0, FinishReason.TOOL_CALLS), out::add);
        filter.onEnd(out::add);
        StringBuilder text = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (StreamEvent e : out) {
            if (e instanceof StreamEvent.TextDelta d) {
                text.append(d.text());
            } else if (e instanceof StreamEvent.ToolCallDelta d) {
                args.append(d.arguments());
            }
        }
        return new Relayed(text.toString(), args.toString(), out.get(out.size() - 1) instanceof StreamEvent.Finished);
    }

    private static List<String> chars(String s) {
        return s.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }
}
