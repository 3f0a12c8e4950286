package io.iothubtriage.reportstore;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

/**
 * Signs the read-only, expiring query string of a stored report's link. In Azure a user-delegation SAS
 * ({@link UserDelegationSigner}): signed with a key the app's identity obtains from Entra ID, so no account key is
 * involved and the identity losing its role revokes every link. With a connection string (Azurite, local runs) a
 * service SAS signed with the account key ({@link #accountKey()}).
 */
@FunctionalInterface
public interface LinkSigner {

    /** The SAS query string (without '?') for {@code blob} with these values. */
    String sign(BlobClient blob, BlobServiceSasSignatureValues values);

    /** A service SAS from the client's shared key (a client built from a connection string with an account key). */
    static LinkSigner accountKey() {
        return BlobClient::generateSas;
    }
}
