package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;

/** Where Resource Health evidence comes from: exported JSON, or the Resource Health REST API. */
public interface HubHealthSource extends EvidenceSource<HubHealthEvidence> {
    @Override
    Fetched<HubHealthEvidence> fetch(TriageRequest request) throws EvidenceException;
}
