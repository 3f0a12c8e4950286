package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks the credential for one token before the sources do, so that a missing or refused credential is said once,
 * in one line naming the credentials tried and how to sign in, instead of once per source (each with the SDK's
 * "Managed Identity authentication failed, see inner exception" chain and advice about roles that do not apply
 * when nobody is signed in). A network failure is not answered here: the sources word it, each within its own
 * timeout. A credential that hangs is: each source would wait on it for its token and blame its own service.
 */
public final class SignIn {

    /** Longer than DefaultAzureCredential's walk of its chain without network (about 12 s with the IMDS probe). */
    public static final Duration TIMEOUT = Duration.ofSeconds(18);

    private SignIn() {
    }

    /**
     * The one line to show when the process's credential for {@code options} cannot sign in at all; empty when
     * it got a token, or failed for a reason the sources will name (no network, a timeout).
     *
     * @param environment the process environment, to tell a refused service principal from no credential
     */
    public static Optional<String> problem(LiveOptions options, Function<String, String> environment) {
        AzureConnections c = AzureConnections.forProcess(options);
        return problem(c.credential(), c.endpoints().resourceManagerScope(), TIMEOUT, options.credentialKind(),
                environment);
    }

    static Optional<String> problem(TokenCredential credential, String scope, Duration timeout, CredentialKind kind,
                                    Function<String, String> environment) {
        try {
            credential.getToken(new TokenRequestContext().addScopes(scope)).timeout(timeout).block();
            return Optional.empty();
        } catch (RuntimeException e) {
            Optional<SourceFailure.Description> d = SourceFailure.describe(e, "the sign-in service (Microsoft Entra ID)", timeout);
            if (d.isPresent() && d.get().kind() == SourceFailure.Kind.TIMED_OUT) {
                // longer than the chain's walk without network: a credential hangs, and every source waits on it
                // for its token; their timeouts would blame the services, which were never asked
                return Optional.of(SourceFailure.signInHung(timeout, environment));
            }
            boolean credentialProblem = d.map(x -> x.kind() == SourceFailure.Kind.NO_CREDENTIAL
                    || x.kind() == SourceFailure.Kind.SIGN_IN_FAILED).orElse(false);
            return credentialProblem ? Optional.of(SourceFailure.signInAdvice(kind, environment, e)) : Optional.empty();
        }
    }
}
