package io.iothubtriage.evidence.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import io.iothubtriage.evidence.EvidenceException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The failures live mode really meets, worded for a person: no class names, no Reactor or SDK internals. */
class SourceFailureTest {

    static final AzureFailures.Access LOGS = new AzureFailures.Access("Log Analytics", "Log Analytics Reader",
            "the workspace 1f2e", "the workspace 1f2e was not found");

    static String worded(Throwable t) {
        EvidenceException e = AzureFailures.classify(t, LOGS, Duration.ofSeconds(15));
        assertThat(e.getMessage()).doesNotContainPattern("java\\.|Exception|switchIfEmpty|inner exception|Reactor");
        return e.getMessage();
    }

    @Test
    void reactorsTimeoutIsNoAnswerInTime() {
        // What Mono.timeout(...).block() throws, wrapped the way block() wraps checked exceptions.
        RuntimeException reactor = new RuntimeException(new TimeoutException("Did not observe any item or terminal "
                + "signal within 15000ms in 'switchIfEmpty' (and no fallback has been configured)"));
        assertThat(worded(reactor)).isEqualTo("Log Analytics did not answer within 15 s");
    }

    @Test
    void aRefusedConnectionInsideAnUncheckedIoExceptionIsUnreachable() {
        assertThat(worded(new UncheckedIOException(new ConnectException("Connection refused"))))
                .isEqualTo("Log Analytics could not be reached (connection refused or no network)");
        assertThat(AzureFailures.classify(new UncheckedIOException(new ConnectException()), LOGS,
                Duration.ofSeconds(15)).isRetryable()).isTrue();
    }

    @Test
    void signInWithoutNetworkSaysItWasTheSignIn() {
        ClientAuthenticationException signIn = new ClientAuthenticationException("ClientSecretCredential "
                + "authentication failed", null, new UnknownHostException("login.microsoftonline.com"));
        assertThat(worded(signIn)).isEqualTo("could not sign in for Log Analytics: host login.microsoftonline.com "
                + "was not found (no network, or DNS is not answering)");
    }

    @Test
    void noCredentialIsNotRetryableAndSaysSo() {
        CredentialUnavailableException none = new CredentialUnavailableException("DefaultAzureCredential failed "
                + "to retrieve a token. ManagedIdentityCredential authentication failed, see inner exception");
        EvidenceException e = AzureFailures.classify(none, LOGS, Duration.ofSeconds(15));
        assertThat(e.getMessage()).startsWith("no Azure credential is available (sign in with 'az login'")
                .contains("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH variables");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void aRefusedServicePrincipalNamesTheEntraCode() {
        ClientAuthenticationException refused = new ClientAuthenticationException("AADSTS7000215: Invalid client "
                + "secret provided. Trace ID: 1234", null);
        assertThat(worded(refused)).isEqualTo("could not sign in for Log Analytics (AADSTS7000215)");
    }

    @Test
    void signInAdviceNamesTheChainOrTheServicePrincipal() {
        String none = SourceFailure.signInAdvice(CredentialKind.DEFAULT_AZURE_CREDENTIAL, Map.<String, String>of()::get,
                new CredentialUnavailableException("x"));
        assertThat(none).startsWith("no Azure credential found: tried environment variables").contains("managed "
                + "identity").contains("Azure CLI").contains("'az login'").doesNotContain("Reader");

        Map<String, String> sp = Map.of("AZURE_CLIENT_ID", "c", "AZURE_TENANT_ID", "t", "AZURE_CLIENT_SECRET", "s");
        assertThat(SourceFailure.signInAdvice(CredentialKind.DEFAULT_AZURE_CREDENTIAL, sp::get,
                new ClientAuthenticationException("AADSTS7000215: Invalid client secret", null)))
                .startsWith("the service principal in AZURE_CLIENT_ID could not sign in to tenant AZURE_TENANT_ID "
                        + "(AADSTS7000215)").doesNotContain("s\"");

        assertThat(SourceFailure.signInAdvice(CredentialKind.MANAGED_IDENTITY, Map.<String, String>of()::get,
                new CredentialUnavailableException("x"))).contains("managed identity").contains("AZURE_CLIENT_ID");
    }
}
