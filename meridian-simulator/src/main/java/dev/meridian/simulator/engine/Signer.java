package dev.meridian.simulator.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs what the real providers make clients send back untouched: Anthropic thinking signatures and
 * redacted-thinking data, Gemini thought signatures. HMAC-SHA256 under a fixed secret, so a value
 * signed by one simulator verifies on another and any edit of the signed text is caught.
 *
 * <p>Thread-safe: each thread keeps its own {@link Mac}.
 */
public final class Signer {

    private static final byte[] SECRET = "meridian-provider-simulator".getBytes(StandardCharsets.UTF_8);
    private static final int MAC_LENGTH = 32;
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(Signer::newMac);

    private Signer() {}

    /** The {@code signature} of an Anthropic thinking block with this text. */
    public static String thinkingSignature(String thinking) {
        return Base64.getEncoder().encodeToString(mac("thinking", thinking));
    }

    public static boolean verifyThinking(String thinking, String signature) {
        return constantTimeEquals(thinkingSignature(thinking), signature);
    }

    /** Opaque {@code data} of an Anthropic redacted_thinking block hiding {@code thinking}. */
    public static String redactedData(String thinking) {
        byte[] text = thinking.getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac("redacted", thinking);
        byte[] data = Arrays.copyOf(mac, MAC_LENGTH + text.length);
        System.arraycopy(text, 0, data, MAC_LENGTH, text.length);
        return Base64.getEncoder().encodeToString(data);
    }

    public static boolean verifyRedacted(String data) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length < MAC_LENGTH) {
            return false;
        }
        String text = new String(raw, MAC_LENGTH, raw.length - MAC_LENGTH, StandardCharsets.UTF_8);
        return MessageDigest.isEqual(Arrays.copyOf(raw, MAC_LENGTH), mac("redacted", text));
    }

    /** The Gemini {@code thoughtSignature} of a function call, bound to its name and arguments. */
    public static String thoughtSignature(String functionName, String canonicalArguments) {
        return Base64.getEncoder().encodeToString(mac("function-call", functionName + '\n' + canonicalArguments));
    }

    public static boolean verifyThought(String functionName, String canonicalArguments, String signature) {
        return constantTimeEquals(thoughtSignature(functionName, canonicalArguments), signature);
    }

    private static byte[] mac(String purpose, String text) {
        Mac mac = MAC.get();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
