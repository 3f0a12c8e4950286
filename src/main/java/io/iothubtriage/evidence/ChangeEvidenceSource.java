package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;

/**
 * Where change evidence comes from: exported Activity Log / Resource Graph JSON, or their REST APIs. Asked for the
 * changes in [window start − {@link #LEAD}, window end].
 */
public interface ChangeEvidenceSource extends EvidenceSource<ChangeEvidence> {
    /** How far before the window changes are read: a change an hour before the drop can still be its cause. */
    java.time.Duration LEAD = java.time.Duration.ofHours(2);

    @Override
    Fetched<ChangeEvidence> fetch(TriageRequest request) throws EvidenceException;
}
