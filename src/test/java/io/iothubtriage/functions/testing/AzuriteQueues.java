package io.iothubtriage.functions.testing;

import com.azure.storage.queue.QueueClient;
import io.iothubtriage.dispatch.StorageRequestQueue;

import java.util.UUID;

/** Queue clients on the test Azurite, built the way the app builds its own; each test gets fresh queue names. */
public final class AzuriteQueues {
    private AzuriteQueues() {
    }

    /** A new, created queue named {@code <prefix>-<random>}. */
    public static QueueClient fresh(String prefix) {
        QueueClient q = client(prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        q.createIfNotExists();
        return q;
    }

    public static QueueClient client(String name) {
        return StorageRequestQueue.builder(name).connectionString(Azurite.get().connectionString()).buildClient();
    }
}
