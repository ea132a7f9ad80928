package org.channelbridge.flow.refunds;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every documented adjustment {@code RequestStatus} (reference 3.4) read as pending, settled or failed. Only
 * {@code PostProcessingComplete} and {@code Error} are confirmed final in the sources; the rest is our reading of the
 * names ([I]): {@code InformationOnly} is final with nothing left to do (settled); {@code RejectionCompleted} and
 * {@code NoChange} end without the refund or cancellation taking effect (failed, for a person to look at); all the
 * others are steps on the way. {@code refunds.complete-statuses} / {@code refunds.failed-statuses} override the two
 * final lists; a status in neither, or one ChannelAdvisor adds later, is pending until {@code refunds.follow-max-hours}.
 */
public final class AdjustmentStatuses {

    public static final List<String> SETTLED = List.of("PostProcessingComplete", "InformationOnly");
    public static final List<String> FAILED = List.of("Error", "RejectionCompleted", "NoChange");
    public static final List<String> PENDING = List.of("SubmittedNotProcessed", "NewRma", "PendingApproval",
            "ProcessingApproval", "ReadyForReturn", "PendingReturn", "ProcessingReturn", "PendingRejection",
            "ProcessingRejection", "ProcessedNotAcknowledged", "PendingReturnRejection", "ProcessingReturnRejection",
            "AcknowledgedPostProcessingNotComplete");

    private AdjustmentStatuses() {
    }

    /** Every documented value, for the sandbox-independent check that none is forgotten. */
    public static Set<String> documented() {
        Set<String> all = new LinkedHashSet<>(PENDING);
        all.addAll(SETTLED);
        all.addAll(FAILED);
        return all;
    }
}
