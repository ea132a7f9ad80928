package org.channelbridge.config;

/** A wrong or missing setting: its message is one sentence naming the key, shown to the user as it is. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String sentence) {
        super(sentence);
    }
}
