package io.iothubtriage.config;

import java.net.URI;
import java.util.Optional;

/**
 * How the app reaches its own storage account (queues, poison queue, ledger table), read from the same
 * {@code AzureWebJobsStorage} settings the Functions host uses.
 */
public sealed interface StorageSettings {

    /** A connection string: Azurite locally, or an account key where identity-based access is not used. */
    record ConnectionString(String value) implements StorageSettings {
        @Override
        public String toString() {
            return "ConnectionString[redacted]";
        }
    }

    /**
     * Identity-based access ({@code AzureWebJobsStorage__accountName} or {@code __tableServiceUri}): the table
     * endpoint, and the client id of a user-assigned identity when {@code AzureWebJobsStorage__clientId} is set.
     */
    record Identity(URI tableEndpoint, Optional<String> clientId) implements StorageSettings {
        /** The queue service of the same account: {@code https://<account>.queue.<suffix>}. */
        public URI queueEndpoint() {
            return URI.create(tableEndpoint.toString().replaceFirst("\\.table\\.", ".queue."));
        }
    }

    /**
     * Azurite's documented development account (the key is public and the same on every machine), used for
     * {@code UseDevelopmentStorage=true}.
     */
    String DEVELOPMENT_STORAGE = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"
            + "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;"
            + "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
}
