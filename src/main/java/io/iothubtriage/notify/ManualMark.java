package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Marks a card that a person asked for on the rerun endpoint ({@code post=true}): readers must not take it for a
 * new alert.
 */
final class ManualMark {
    static final String TEXT = "Manual rerun: posted on request from the triage endpoint, not by a new alert.";

    private ManualMark() {
    }

    static ObjectNode apply(ObjectNode message, Destination.Kind kind) {
        return RepeatMark.mark(message, kind, TEXT, ":information_source: " + TEXT, "[manual rerun] ",
                "manualRerun");
    }
}
