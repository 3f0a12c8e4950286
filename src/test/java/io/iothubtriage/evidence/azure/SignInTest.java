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
    void aHangingCredentialIsSaidOnceNotBlamedOnEachService() {
        // every source would wait on it for its token, and time out naming its own service, never asked
        TokenCredential hanging = request -> Mono.never();
        assertThat(problem(hanging)).contains("signing in did not finish within 2 seconds: a credential of the chain"
                + " hung (a managed identity endpoint, or the Azure CLI waiting for a sign-in); no Azure service was"
                + " asked");
        assertThat(SignIn.problem(hanging, "https://management.azure.com/.default", Duration.ofMillis(300),
                CredentialKind.DEFAULT_AZURE_CREDENTIAL, Map.of("IDENTITY_ENDPOINT", "http://localhost:18130/t")::get))
                .hasValueSatisfying(l -> assertThat(l).contains("the managed identity endpoint in IDENTITY_ENDPOINT"
                        + " did not answer").doesNotContain("localhost"));
    }

    @Test
    void halfAServicePrincipalNamesWhatIsMissing() {
        TokenCredential none = request -> Mono.error(new CredentialUnavailableException("EnvironmentCredential"
                + " authentication unavailable. Environment variables are not fully configured."));
        Optional<String> line = SignIn.problem(none, "https://management.azure.com/.default", Duration.ofSeconds(2),
                CredentialKind.DEFAULT_AZURE_CREDENTIAL,
                Map.of("AZURE_TENANT_ID", "72f988bf-0000-0000-0000-2d7cd011db47", "AZURE_CLIENT_ID",
                        "0b5c7f6e-1111-2222-3333-444455556666")::get);
        assertThat(line).contains("the service principal settings are incomplete: AZURE_TENANT_ID is set but"
                + " AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) is not; set it, or unset AZURE_TENANT_ID to"
                + " use 'az login' or a managed identity");
    }

    @Test
    void aWorkingCredentialHasNoProblem() {
        assertThat(problem(new FakeCredential())).isEmpty();
    }
}
