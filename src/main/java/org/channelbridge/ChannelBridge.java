package org.channelbridge;

public final class ChannelBridge {
    public static void main(String[] args) {
        System.out.println("channel bridge");
    }
}
