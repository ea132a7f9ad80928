package org.channelbridge.cluster;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who leads, in {@code /observe/health} ({@code leadership}: role, member, leader; with several profiles, each
 * profile's). A standby is as healthy as the leader (a probe must not restart it); DOWN only when this instance has
 * left an election.
 */
public final class LeadershipHealthCheck extends AbstractHealthCheck {

    private final Leaderships leaderships;

    public LeadershipHealthCheck(Leaderships leaderships) {
        super("channel-bridge", "leadership");
        this.leaderships = leaderships;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<Leadership> all = leaderships.all();
        Leadership first = leaderships.first();
        builder.detail("member", first.getMemberId());
        if (all.size() == 1) {
            builder.detail("role", first.getRole());
            builder.detail("leader", first.getLeaderId());
            builder.detail("cluster", first.getClusterKind() + " " + first.getNamespace());
        } else {
            builder.detail("cluster", first.getClusterKind());
            for (Leadership leadership : all) {
                builder.detail("profile " + leadership.getProfile(), leadership.getRole()
                        + (leadership.getLeaderId().isEmpty() ? "" : " (leader: " + leadership.getLeaderId() + ")"));
            }
        }
        if (!leaderships.running()) {
            builder.message("this instance has left the election of " + all.stream().filter(l -> !l.running())
                    .map(Leadership::getNamespace).collect(Collectors.joining(", "))).down();
        } else if (all.size() == 1) {
            builder.message("this instance is the " + first.getRole()).up();
        } else {
            builder.message(all.stream().map(l -> "the " + l.getRole() + " of profile " + l.getProfile())
                    .collect(Collectors.joining(", ", "this instance is ", ""))).up();
        }
    }
}
