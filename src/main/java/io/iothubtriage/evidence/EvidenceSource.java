package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;

/**
 * What every evidence source does: fetch its kind of evidence for a request. The kinds name it
 * ({@link ConnectionLogSource}, {@link HubHealthSource}, {@link DeviceCountSource}, {@link ChangeEvidenceSource});
 * the triage asks them all the same way.
 *
 * @param <T> the evidence it fetches
 */
public interface EvidenceSource<T> {
    Fetched<T> fetch(TriageRequest request) throws EvidenceException;
}
