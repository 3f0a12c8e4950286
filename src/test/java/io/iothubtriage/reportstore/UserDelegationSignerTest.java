package io.iothubtriage.reportstore;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user-delegation link's shape and life, with a fake key source (Azurite does not hand out user delegation
 * keys): read-only, https only, for one blob, signed with the key's identity, never outliving the key; one key
 * serves a burst of links and is renewed after an hour.
 */
class UserDelegationSignerTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:52:00Z");
    static final String KEY_VALUE = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    final List<OffsetDateTime[]> asked = new ArrayList<>();

    UserDelegationKey fakeKey(OffsetDateTime start, OffsetDateTime expiry) {
        asked.add(new OffsetDateTime[]{start, expiry});
        return new UserDelegationKey().setSignedObjectId("11111111-2222-3333-4444-555555555555")
                .setSignedTenantId("66666666-7777-8888-9999-000000000000").setSignedStart(start)
                .setSignedExpiry(expiry).setSignedService("b").setSignedVersion("2025-07-05").setValue(KEY_VALUE);
    }

    static BlobClient blob() {
        return new BlobClientBuilder().endpoint("https://triagestore.blob.core.windows.net")
                .containerName(ReportStore.CONTAINER).blobName("contoso-hub/2026/11/26/104500-abc.html").buildClient();
    }

    static BlobServiceSasSignatureValues values(Instant now, Duration validity) {
        return new BlobServiceSasSignatureValues(OffsetDateTime.ofInstant(now.plus(validity), ZoneOffset.UTC),
                new BlobSasPermission().setReadPermission(true)).setProtocol(SasProtocol.HTTPS_ONLY)
                .setStartTime(OffsetDateTime.ofInstant(now.minusSeconds(300), ZoneOffset.UTC));
    }

    @Test
    void theLinkIsReadOnlyHttpsOnlyForOneBlobAndSignedWithTheDelegationKey() {
        Duration days = Duration.ofDays(7);
        UserDelegationSigner signer = new UserDelegationSigner(this::fakeKey, days, Clock.fixed(NOW, ZoneOffset.UTC));

        Map<String, String> q = query(signer.sign(blob(), values(NOW, days)));

        assertThat(q.get("sp")).isEqualTo("r");
        assertThat(q.get("spr")).isEqualTo("https");
        assertThat(q.get("sr")).isEqualTo("b");
        assertThat(q.get("skoid")).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(q.get("sktid")).isEqualTo("66666666-7777-8888-9999-000000000000");
        assertThat(q).containsKeys("sig", "sv", "skt", "ske", "sks", "skv").doesNotContainKey("sig2");
        // The key was asked for the link's whole life, a skew inside the service's 7-day limit.
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)[1].toInstant()).isEqualTo(NOW.plus(days).minus(UserDelegationSigner.SKEW));
        // The link ends with its key, not after it.
        assertThat(Instant.parse(q.get("se"))).isEqualTo(asked.get(0)[1].toInstant());
        assertThat(Instant.parse(q.get("ske"))).isEqualTo(Instant.parse(q.get("se")));
        // An HMAC-SHA256 signature, and a different delegation key signs differently.
        assertThat(Base64.getDecoder().decode(q.get("sig"))).hasSize(32);
        UserDelegationSigner other = new UserDelegationSigner((s, e) -> fakeKey(s, e).setValue(
                Base64.getEncoder().encodeToString("another key, another signature!".getBytes())), days,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(query(other.sign(blob(), values(NOW, days))).get("sig")).isNotEqualTo(q.get("sig"));
    }

    @Test
    void aShortValidityGivesAShortLink() {
        Duration oneDay = Duration.ofDays(1);
        UserDelegationSigner signer = new UserDelegationSigner(this::fakeKey, oneDay, Clock.fixed(NOW, ZoneOffset.UTC));

        Map<String, String> q = query(signer.sign(blob(), values(NOW, oneDay)));

        assertThat(Duration.between(NOW, Instant.parse(q.get("se")))).isBetween(oneDay.minusMinutes(6), oneDay);
    }

    @Test
    void oneKeyServesABurstAndIsRenewedAfterAnHour() {
        MutableClock clock = new MutableClock(NOW);
        UserDelegationSigner signer = new UserDelegationSigner(this::fakeKey, Duration.ofDays(7), clock);

        for (int i = 0; i < 20; i++) {
            signer.sign(blob(), values(clock.instant(), Duration.ofDays(7)));
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(asked).hasSize(1);
        clock.now = NOW.plus(UserDelegationSigner.KEY_REUSE);
        Map<String, String> q = query(signer.sign(blob(), values(clock.instant(), Duration.ofDays(7))));
        assertThat(asked).hasSize(2);
        assertThat(Instant.parse(q.get("se"))).isEqualTo(clock.now.plus(Duration.ofDays(7)).minus(UserDelegationSigner.SKEW));
    }

    static Map<String, String> query(String sas) {
        Map<String, String> out = new HashMap<>();
        for (String p : sas.split("&")) {
            int eq = p.indexOf('=');
            out.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
