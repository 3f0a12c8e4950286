package io.iothubtriage.diagnosis;

/** How a change relates to a report's verdict (rules in {@link ChangeAttribution}). */
public enum ChangeRelation {
    /** Named as the likely cause: the first finding and the first next step. At most one per report. */
    LIKELY_CAUSE,
    /** Could explain the verdict's errors, but its timing or its author make it less certain: a finding, no more. */
    POSSIBLE_CAUSE,
    /** Listed only: it cannot explain the errors (a tag edit, a failed change, one long before or after the onset). */
    UNRELATED
}
