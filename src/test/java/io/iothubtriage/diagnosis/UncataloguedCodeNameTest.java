package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.UncataloguedCode.NameHint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an uncatalogued code's logged name points at: whole words only, CamelCase and punctuation split. */
class UncataloguedCodeNameTest {

    @Test
    void namesAreSplitIntoWords() {
        assertThat(UncataloguedCode.words("X.509ClientAuthFailed")).containsExactly("x509", "client", "auth", "failed");
        assertThat(UncataloguedCode.words("CACertificateExpired")).containsExactly("ca", "certificate", "expired");
        assertThat(UncataloguedCode.words("cert-chain_invalid")).containsExactly("cert", "chain", "invalid");
        assertThat(UncataloguedCode.words("IotHubUnauthorizedChainedTokenRejected"))
                .containsExactly("iot", "hub", "unauthorized", "chained", "token", "rejected");
    }

    @Test
    void certificateWordsPointAtCertificates() {
        assertThat(UncataloguedCode.hintOf("IotHubCertificateChainUntrusted")).isEqualTo(NameHint.CERTIFICATE_CHAIN);
        assertThat(UncataloguedCode.hintOf("X.509ClientAuthFailed")).isEqualTo(NameHint.CERTIFICATE);
        assertThat(UncataloguedCode.hintOf("DeviceX509Rejected")).isEqualTo(NameHint.CERTIFICATE);
        assertThat(UncataloguedCode.hintOf("ThumbprintMismatch")).isEqualTo(NameHint.CERTIFICATE);
        assertThat(UncataloguedCode.hintOf("UntrustedCAForDevice")).isEqualTo(NameHint.CERTIFICATE);
        assertThat(UncataloguedCode.hintOf("client cert expired")).isEqualTo(NameHint.CERTIFICATE);
        assertThat(UncataloguedCode.hintOf("CertificateRotationInProgress")).isEqualTo(NameHint.CERTIFICATE);
    }

    @Test
    void wordsThatOnlyContainACertificateWordDoNot() {
        // "Chained" is not "chain", and "chain" alone names no certificate
        assertThat(UncataloguedCode.hintOf("IotHubUnauthorizedChainedTokenRejected")).isEqualTo(NameHint.NONE);
        assertThat(UncataloguedCode.hintOf("SupplyChainGatewayRejected")).isEqualTo(NameHint.NONE);
        // "ca" inside a word, "cert" inside "Concert": not the words
        assertThat(UncataloguedCode.hintOf("CallerCancelledConcertToken")).isEqualTo(NameHint.NONE);
        assertThat(UncataloguedCode.hintOf("")).isEqualTo(NameHint.NONE);
    }
}
