package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {

    @Test
    void masksByPath() {
        assertThat(SecretMask.secretPath("properties.authorizationPolicies[1].secondaryKey")).isTrue();
        assertThat(SecretMask.secretPath("properties.storageEndpoints.$default.connectionString")).isTrue();
        assertThat(SecretMask.secretPath("properties.routing.endpoints.eventHubs[0].sasToken")).isTrue();
        assertThat(SecretMask.value("x.primaryKey", Optional.of("short"))).contains(SecretMask.MASKED);
        // names of keys, key sources and rights are not secrets
        assertThat(SecretMask.secretPath("properties.authorizationPolicies[0].keyName")).isFalse();
        assertThat(SecretMask.secretPath("properties.encryption.keySource")).isFalse();
        assertThat(SecretMask.secretPath("properties.authorizationPolicies[0].rights")).isFalse();
        assertThat(SecretMask.secretPath("properties.disableLocalAuth")).isFalse();
        assertThat(SecretMask.value("properties.disableLocalAuth", Optional.of("true"))).contains("true");
        assertThat(SecretMask.value("x.primaryKey", Optional.empty())).isEmpty();
    }

    @Test
    void masksByContent() {
        String key = "Hx2pQ9vWk3L0sYmN7bR4tU6eA1cZ8dF5gJ0hK2iM4nO=";
        assertThat(SecretMask.text(key)).isEqualTo(SecretMask.MASKED);
        assertThat(SecretMask.text("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc/def+gh="))
                .isEqualTo("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=(masked)");
        assertThat(SecretMask.text("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=zzz;EndpointSuffix=core.windows.net"))
                .isEqualTo("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=(masked);EndpointSuffix=core.windows.net");
        assertThat(SecretMask.text("SharedAccessSignature sr=hub&sig=AbCdEf%2B123&se=1700000000"))
                .doesNotContain("AbCdEf");
        assertThat(SecretMask.text("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl here"))
                .isEqualTo("token (masked) here");
        // ids, thumbprints, resource ids and ordinary words stay readable
        assertThat(SecretMask.text("5c3f1d7e-2b4a-4e8f-9a6b-1c2d3e4f5a6b")).isEqualTo("5c3f1d7e-2b4a-4e8f-9a6b-1c2d3e4f5a6b");
        assertThat(SecretMask.text("9A1B2C3D4E5F60718293A4B5C6D7E8F901234567")).isEqualTo("9A1B2C3D4E5F60718293A4B5C6D7E8F901234567");
        String rid = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/contoso";
        assertThat(SecretMask.text(rid)).isEqualTo(rid);
        assertThat(SecretMask.text("Enabled")).isEqualTo("Enabled");
    }

    @Test
    void longResourceIdsStayReadableWhileAKeyInsideAnIdLikeTextIsStillMasked() {
        String endpoint = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/network-prod-westeurope"
                + "/providers/Microsoft.Network/privateEndpoints/contoso-hub-private-endpoint-westeurope";
        assertThat(SecretMask.text(endpoint)).isEqualTo(endpoint);
        String dps = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/iot-prod-rg/providers/"
                + "Microsoft.Devices/provisioningServices/contoso-dps";
        assertThat(SecretMask.text(dps)).isEqualTo(dps);
        String key = "Hx2pQ9vWk3L0sYmN7bR4tU6eA1cZ8dF5gJ0hK2iM4nO=";
        assertThat(SecretMask.text(endpoint + " key " + key)).isEqualTo(endpoint + " key " + SecretMask.MASKED);
        assertThat(SecretMask.text("HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;"
                + "SharedAccessKey=" + key)).doesNotContain(key);
    }
}
