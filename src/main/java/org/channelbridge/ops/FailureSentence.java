package org.channelbridge.ops;

import org.channelbridge.channeladvisor.ChannelAdvisorException;

/** Turns an exception chain into the sentence a person reads in a dead letter or a log line. */
public final class FailureSentence {

    private FailureSentence() {
    }

    public static String of(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && isWrapper(root)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return message;
    }

    /** The HTTP status of the ChannelAdvisor error in the chain, if any answered (0 means no answer came). */
    public static Integer httpStatusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelAdvisorException ca && ca.status() > 0) {
                return ca.status();
            }
        }
        return null;
    }

    private static boolean isWrapper(Throwable t) {
        return t.getClass().getName().startsWith("org.apache.camel.")
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException;
    }
}
