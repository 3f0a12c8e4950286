package io.iothubtriage.diagnosis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices that sign with a certificate are not told to check a shared access policy or a token: a catalog resolution
 * about keys and tokens only is left out of their steps, one that speaks of certificates too is kept.
 */
class CertificateStepsTest {

    @Test
    void theCatalogsKeyOnlyAdviceIsToldApartFromAdviceThatCoversCertificates() {
        // 401002: "Check the shared access policy or device key used and that its token is current"
        assertThat(Actions.speaksOfKeysOnly(ErrorCatalog.lookup("401002").orElseThrow().resolution())).isTrue();
        // 401003: "… check the device key or certificate (expiry, registered thumbprint, CA chain) …"
        assertThat(Actions.speaksOfKeysOnly(ErrorCatalog.lookup("401003").orElseThrow().resolution())).isFalse();
        assertThat(Actions.speaksOfKeysOnly("Add units or move to a bigger tier")).isFalse();
    }
}
