package org.channelbridge.flow;

/**
 * An item that cannot be sent or saved as it is (missing Sku, negative quantity, unknown carrier...). Its message
 * is the sentence a person reads in the dead-letter store; it is never retried, the rest of the cycle goes on.
 */
public class InvalidItemException extends RuntimeException {
    public InvalidItemException(String sentence) {
        super(sentence);
    }
}
