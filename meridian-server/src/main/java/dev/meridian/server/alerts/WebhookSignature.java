package dev.meridian.server.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code x-meridian-signature} header of a webhook delivery, in Stripe's scheme: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>" keyed with the channel's secret>}. A receiver recomputes the HMAC over the raw body it
 * received, compares it in constant time, and rejects a {@code t} too far from its own clock (replays).
 */
public final class WebhookSignature {

    public static final String HEADER = "x-meridian-signature";

    private WebhookSignature() {}

    /** The header's value for {@code body} sent at {@code epochSeconds}. */
    public static String header(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + hmac(secret, epochSeconds, body);
    }

    static String hmac(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
