package org.channelbridge.ops.check;

/** One row of {@code check}: what was probed, whether it passed, what was found, and on failure how to fix it. */
public record ProbeResult(String probe, boolean passed, String found, String fix, boolean credentialsRefused) {

    /** The same result, its probe named as one profile's ({@code us: token refresh}). */
    public ProbeResult ofProfile(String profile) {
        return new ProbeResult(profile + ": " + probe, passed, found, fix, credentialsRefused);
    }

    static ProbeResult pass(String probe, String found) {
        return new ProbeResult(probe, true, found, "", false);
    }

    static ProbeResult fail(String probe, String found, String fix) {
        return new ProbeResult(probe, false, found, fix, false);
    }

    static ProbeResult refused(String probe, String found, String fix) {
        return new ProbeResult(probe, false, found, fix, true);
    }
}
