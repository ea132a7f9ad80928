package org.channelbridge.ops;

import java.lang.reflect.Method;

/** Turns an exception chain into the sentence a person reads in a dead letter or a log line. */
final class FailureSentence {

    private FailureSentence() {
    }

    static String of(Throwable error) {
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

    /** ChannelAdvisor errors carry their HTTP status; read it without tying ops to the client's classes. */
    static Integer httpStatusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            try {
                Method status = t.getClass().getMethod("status");
                Object value = status.invoke(t);
                if (value instanceof Integer i && i > 0) {
                    return i;
                }
            } catch (ReflectiveOperationException ignored) {
                // not a ChannelAdvisor error: look further down the chain
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
