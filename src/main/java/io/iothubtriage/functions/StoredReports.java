package io.iothubtriage.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.iothubtriage.config.ReportLinkSettings;
import io.iothubtriage.config.StorageSettings;
import io.iothubtriage.diagnosis.TriageRun;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.reportstore.LinkSigner;
import io.iothubtriage.reportstore.ReportStore;
import io.iothubtriage.reportstore.UserDelegationSigner;

import java.time.Clock;

/**
 * With {@code REPORT_LINKS=true}, every triage's report is stored in the app's storage and carries the read-only
 * link the card's "Open the full report" button opens (the worker's cards and posted reruns alike). Without it the
 * engine is returned as it is: nothing is stored, no link is made.
 */
final class StoredReports {
    private StoredReports() {
    }

    static TriageEngine wrap(TriageEngine engine, ReportLinkSettings links, StorageSettings storage,
                             TokenCredential credential, Clock clock) {
        if (!links.enabled()) {
            return engine;
        }
        ReportStore store = store(links, storage, credential, clock);
        return request -> {
            TriageRun run = engine.run(request);
            return new TriageRun(store.link(run.report()), run.sources(), run.total());
        };
    }

    /** The store on the app's own account: a service SAS with a connection string, a user-delegation SAS otherwise. */
    static ReportStore store(ReportLinkSettings links, StorageSettings storage, TokenCredential credential,
                             Clock clock) {
        BlobServiceClientBuilder b = new BlobServiceClientBuilder().retryOptions(ReportStore.RETRIES);
        if (storage instanceof StorageSettings.ConnectionString c) {
            BlobServiceClient service = b.connectionString(c.value()).buildClient();
            return new ReportStore(service.getBlobContainerClient(ReportStore.CONTAINER), LinkSigner.accountKey(),
                    links.validity(), clock);
        }
        BlobServiceClient service = b.endpoint(links.blobService().orElseThrow().toString()).credential(credential)
                .buildClient();
        return new ReportStore(service.getBlobContainerClient(ReportStore.CONTAINER),
                UserDelegationSigner.of(service, links.validity(), clock), links.validity(), clock);
    }
}
