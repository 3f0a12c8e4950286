package io.iothubtriage.bench;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackOnlyTest {

    private static Map<String, String> local() {
        Map<String, String> env = new HashMap<>();
        env.put("IDENTITY_ENDPOINT", "http://127.0.0.1:40123/msi/token");
        env.put("IDENTITY_HEADER", "bench-identity-header");
        env.put("ARM_ENDPOINT", "https://localhost:40124");
        env.put("LOG_ANALYTICS_ENDPOINT", "https://localhost:40124/v1");
        env.put("AZURE_AUTHORITY_HOST", "https://[::1]:40124");
        return env;
    }

    @Test
    void localEndpointsPass() {
        assertThat(LoopbackOnly.problems(local()::get)).isEmpty();
    }

    @Test
    void withoutAnIdentityEndpointTheCredentialWouldProbeInstanceMetadata() {
        Map<String, String> env = local();
        env.remove("IDENTITY_ENDPOINT");
        env.remove("IDENTITY_HEADER");
        assertThat(LoopbackOnly.problems(env::get))
                .containsExactly("IDENTITY_ENDPOINT is not set", "IDENTITY_HEADER is not set");
    }

    @Test
    void anyEndpointOffThisMachineIsRefused() {
        Map<String, String> env = local();
        env.put("IDENTITY_ENDPOINT", "http://169.254.169.254/metadata/identity/oauth2/token");
        env.put("ARM_ENDPOINT", "https://management.azure.com");
        env.put("LOG_ANALYTICS_ENDPOINT", "https://localhost.example.com/v1");
        env.put("AZURE_AUTHORITY_HOST", "https://10.0.0.4");
        assertThat(LoopbackOnly.problems(env::get)).hasSize(4).allMatch(p -> p.contains("is not a loopback URL"));
    }

    @Test
    void credentialsThatReachElsewhereAreRefused() {
        Map<String, String> env = local();
        env.put("MSI_ENDPOINT", "http://127.0.0.1:1/msi");
        env.put("AZURE_CLIENT_SECRET", "s");
        assertThat(LoopbackOnly.problems(env::get))
                .containsExactly("MSI_ENDPOINT must not be set", "AZURE_CLIENT_SECRET must not be set");
    }

    @Test
    void loopbackMeansLocalhostOr127OrIpv6Loopback() {
        assertThat(LoopbackOnly.isLoopback("http://localhost:1/x")).isTrue();
        assertThat(LoopbackOnly.isLoopback("https://127.3.2.1")).isTrue();
        assertThat(LoopbackOnly.isLoopback("https://[::1]:8443/v1")).isTrue();
        assertThat(LoopbackOnly.isLoopback("ftp://localhost/")).isFalse();
        assertThat(LoopbackOnly.isLoopback("https://128.0.0.1")).isFalse();
        assertThat(LoopbackOnly.isLoopback("not a url")).isFalse();
    }
}
