package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one token asked before the sources, with fake credentials (no instance-metadata endpoint, no internet). */
class SignInTest {

    static Optional<String> problem(TokenCredential credential) {
        return SignIn.problem(credential, "https://management.azure.com/.default", Duration.ofSeconds(2),
                CredentialKind.DEFAULT_AZURE_CREDENTIAL, Map.<String, String>of()::get);
    }

    @Test
    void noCredentialIsOneLineNamingTheChainAndHowToSignIn() {
        TokenCredential none = request -> Mono.error(new CredentialUnavailableException("DefaultAzureCredential "
                + "failed to retrieve a token from the included credentials. ManagedIdentityCredential "
                + "authentication unavailable. Managed Identity authentication failed, see inner exception"));

        long t0 = System.nanoTime();
        Optional<String> line = problem(none);

        assertThat(line).hasValueSatisfying(l -> assertThat(l).startsWith("no Azure credential found")
                .contains("'az login'").contains("(AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or "
                        + "AZURE_CLIENT_CERTIFICATE_PATH)").contains("managed identity")
                .doesNotContain("\n").doesNotContain("inner exception").doesNotContain("Reader"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aCredentialThatCannotReachTheNetworkIsLeftToTheSources() {
        TokenCredential offline = request -> Mono.error(new ClientAuthenticationException("failed", null,
                new ConnectException("Connection refused")));
        assertThat(problem(offline)).isEmpty();
    }

    @Test
    void aHangingCredentialIsLeftToTheSourcesAfterTheTimeout() {
        TokenCredential hanging = request -> Mono.never();
        assertThat(problem(hanging)).isEmpty();
    }

    @Test
    void aWorkingCredentialHasNoProblem() {
        assertThat(problem(new FakeCredential())).isEmpty();
    }
}
