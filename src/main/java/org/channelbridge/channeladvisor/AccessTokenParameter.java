package org.channelbridge.channeladvisor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code access_token} query parameter ChannelAdvisor may embed in an {@code @odata.nextLink}: it must be swapped
 * for the current token before the link is followed, and must never be shown.
 */
final class AccessTokenParameter {

    private static final Pattern PARAMETER = Pattern.compile("([?&]access_token=)[^&#]*", Pattern.CASE_INSENSITIVE);

    private AccessTokenParameter() {
    }

    /** The URL with every access_token value replaced by {@code token}; URLs without one are returned unchanged. */
    static String replace(String url, String token) {
        return PARAMETER.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(token));
    }

    /** The URL as it may appear in a log line or exception message. */
    static String redact(String url) {
        return PARAMETER.matcher(url).replaceAll("$1***");
    }
}
