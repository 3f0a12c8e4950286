package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;

/** Where connection evidence comes from: exported files, or Log Analytics summarising server-side. */
public interface ConnectionLogSource extends EvidenceSource<ConnectionEvidence> {
    @Override
    Fetched<ConnectionEvidence> fetch(TriageRequest request) throws EvidenceException;
}
