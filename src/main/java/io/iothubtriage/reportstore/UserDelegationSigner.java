package io.iothubtriage.reportstore;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Signs links with a user delegation key (Storage Blob Delegator, included in Storage Blob Data Contributor, on the
 * app's own account). A key is asked for with the longest life a link needs and reused for up to an hour, so a
 * burst of alerts costs one key request; a link never outlives the key that signed it, so it may expire up to an
 * hour sooner than {@code REPORT_LINK_DAYS}.
 */
public final class UserDelegationSigner implements LinkSigner {
    /** How long one key is reused before a fresh one is asked for. */
    static final Duration KEY_REUSE = Duration.ofHours(1);
    /** Clock skew allowance at both ends of a key's life. */
    static final Duration SKEW = Duration.ofMinutes(5);

    /** Where keys come from: the blob service in Azure, a fake in tests. */
    @FunctionalInterface
    public interface KeySource {
        UserDelegationKey key(OffsetDateTime start, OffsetDateTime expiry);
    }

    private final KeySource keys;
    private final Duration validity;
    private final Clock clock;
    private UserDelegationKey key;
    private Instant keyTakenAt;

    public UserDelegationSigner(KeySource keys, Duration validity, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static UserDelegationSigner of(BlobServiceClient service, Duration validity, Clock clock) {
        return new UserDelegationSigner(service::getUserDelegationKey, validity, clock);
    }

    @Override
    public synchronized String sign(BlobClient blob, BlobServiceSasSignatureValues values) {
        Instant now = clock.instant();
        if (key == null || !now.isBefore(keyTakenAt.plus(KEY_REUSE))) {
            // The service refuses keys that end more than 7 days ahead: stay a skew inside the link's validity.
            key = keys.key(utc(now.minus(SKEW)), utc(now.plus(validity).minus(SKEW)));
            keyTakenAt = now;
        }
        if (values.getExpiryTime().isAfter(key.getSignedExpiry())) {
            values.setExpiryTime(key.getSignedExpiry());
        }
        return blob.generateUserDelegationSas(values, key);
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
