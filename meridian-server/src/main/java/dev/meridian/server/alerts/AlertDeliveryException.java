package dev.meridian.server.alerts;

/** A delivery that did not go through; its message is safe to store and show (no secret, no URL). */
final class AlertDeliveryException extends RuntimeException {

    AlertDeliveryException(String message) {
        super(message, null, false, false);
    }
}
