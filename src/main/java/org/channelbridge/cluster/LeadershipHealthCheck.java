package org.channelbridge.cluster;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Who leads, in {@code /observe/health} ({@code leadership}: role, member, leader). A standby is as healthy as the
 * leader (a probe must not restart it); DOWN only when this instance has left the election.
 */
public final class LeadershipHealthCheck extends AbstractHealthCheck {

    private final Leadership leadership;

    public LeadershipHealthCheck(Leadership leadership) {
        super("channel-bridge", "leadership");
        this.leadership = leadership;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("role", leadership.getRole());
        builder.detail("member", leadership.getMemberId());
        builder.detail("leader", leadership.getLeaderId());
        builder.detail("cluster", leadership.getClusterKind() + " " + leadership.getNamespace());
        if (leadership.running()) {
            builder.message("this instance is the " + leadership.getRole()).up();
        } else {
            builder.message("this instance has left the election of " + leadership.getNamespace()).down();
        }
    }
}
