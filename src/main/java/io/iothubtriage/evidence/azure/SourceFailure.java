package io.iothubtriage.evidence.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a call to an Azure source got no answer, in words for the on-call engineer: no credential, a sign-in that
 * failed, a host that does not resolve, a connection refused, no answer in time. Every live source words these
 * failures here, so the report and {@code doctor} say the same thing the same way, and never show what the
 * failure looks like inside: exception class names ({@code java.io.UncheckedIOException}), Reactor's operator
 * text ("Did not observe any item or terminal signal within 15000ms in 'switchIfEmpty'"), or the SDK's "see inner
 * exception" chains.
 *
 * <p>Answers the service did give (401, 403, 404, 429, 5xx) are worded by {@link AzureFailures}, which knows the
 * role and scope each source needs.
 */
public final class SourceFailure {

    /** What kind of failure, which decides the advice. */
    public enum Kind {
        /** No credential in the chain could even try: nobody is signed in. */
        NO_CREDENTIAL,
        /** A credential tried and was refused (wrong secret, expired sign-in, unknown client id). */
        SIGN_IN_FAILED,
        /** A host name did not resolve: no network, or DNS is down or wrong. */
        HOST_NOT_FOUND,
        /** The connection was refused or no route led there. */
        UNREACHABLE,
        /** Connected, or trying to, but no answer in time. */
        TIMED_OUT,
        /** The TLS handshake failed: a proxy or a firewall that inspects traffic, or a wrong clock. */
        TLS
    }

    /**
     * @param kind      what happened
     * @param words     one sentence without a trailing full stop, e.g. "Log Analytics did not answer within 60 s"
     * @param retryable whether trying again later may work (network and time-outs: yes; credentials: no)
     */
    public record Description(Kind kind, String words, boolean retryable) {
    }

    private static final Pattern HOST_IN_MESSAGE = Pattern.compile("([a-z0-9-]+(?:\\.[a-z0-9-]+)+)",
            Pattern.CASE_INSENSITIVE);

    private SourceFailure() {
    }

    /**
     * The failure of a call to {@code service}, when it is one this class words (no answer at all, or no token);
     * empty for anything else (an HTTP answer, a body that could not be read).
     *
     * @param service the source in words, e.g. "Log Analytics", "Resource Health"
     * @param timeout the time the source allows, named when it ran out
     */
    public static Optional<Description> describe(Throwable failure, String service, Duration timeout) {
        boolean signingIn = has(failure, ClientAuthenticationException.class)
                && find(failure, ClientAuthenticationException.class).map(e -> e.getResponse() == null).orElse(false);
        if (has(failure, UnknownHostException.class) || has(failure, UnresolvedAddressException.class)) {
            String host = find(failure, UnknownHostException.class).flatMap(e -> host(e.getMessage()))
                    .map(h -> "host " + h + " was not found")
                    .orElse(signingIn ? "the sign-in service's host name was not found" : "its host name was not found");
            return Optional.of(new Description(Kind.HOST_NOT_FOUND, (signingIn ? "could not sign in for " + service
                    : service + " could not be reached") + ": " + host + " (no network, or DNS is not answering)",
                    true));
        }
        if (has(failure, HttpConnectTimeoutException.class) || has(failure, ConnectException.class)
                || has(failure, NoRouteToHostException.class)) {
            return Optional.of(new Description(Kind.UNREACHABLE, (signingIn ? "could not sign in for " + service
                    + ": the sign-in service" : service) + " could not be reached (connection refused or no "
                    + "network)", true));
        }
        if (has(failure, TimeoutException.class) || has(failure, HttpTimeoutException.class)
                || has(failure, SocketTimeoutException.class)) {
            return Optional.of(new Description(Kind.TIMED_OUT, (signingIn ? "signing in for " + service
                    + " did not finish" : service + " did not answer") + " within " + AzureFailures.seconds(timeout)
                    + (signingIn ? " (no network?)" : ""), true));
        }
        if (has(failure, SSLException.class)) {
            return Optional.of(new Description(Kind.TLS, "the secure connection to " + service + " failed (a proxy "
                    + "or firewall that inspects TLS, or a wrong system clock)", false));
        }
        if (signingIn) {
            return Optional.of(has(failure, CredentialUnavailableException.class)
                    ? new Description(Kind.NO_CREDENTIAL, "no Azure credential is available (sign in with 'az login', "
                    + "the AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET or "
                    + "AZURE_CLIENT_CERTIFICATE_PATH variables, or a managed identity)", false)
                    : new Description(Kind.SIGN_IN_FAILED, "could not sign in for " + service
                    + aadCode(failure).map(c -> " (" + c + ")").orElse(""), false));
        }
        return Optional.empty();
    }

    /** A sign-in that neither got a token nor failed in {@code timeout}: which credential is the likely one. */
    static String signInHung(java.time.Duration timeout, Function<String, String> environment) {
        String which = set(environment, "IDENTITY_ENDPOINT") || set(environment, "MSI_ENDPOINT")
                ? "the managed identity endpoint in " + (set(environment, "IDENTITY_ENDPOINT") ? "IDENTITY_ENDPOINT"
                : "MSI_ENDPOINT") + " did not answer"
                : "a credential of the chain hung (a managed identity endpoint, or the Azure CLI waiting for a sign-in)";
        return "signing in did not finish within " + io.iothubtriage.alert.Durations.words(timeout) + ": " + which
                + "; no Azure service was asked";
    }

    /**
     * What to tell someone whose credential could not get a token, in one line: the credentials tried, in order,
     * and how to sign in with each. {@code environment} tells a service principal that was refused (its variables
     * are set) from no credential at all.
     */
    public static String signInAdvice(CredentialKind kind, Function<String, String> environment, Throwable failure) {
        if (kind == CredentialKind.MANAGED_IDENTITY) {
            return "the Function App's managed identity could not get a token: turn on its system-assigned identity "
                    + "(Identity in the portal), or set AZURE_CLIENT_ID to the client id of a user-assigned identity "
                    + "assigned to it";
        }
        boolean secret = set(environment, "AZURE_CLIENT_SECRET") || set(environment, "AZURE_CLIENT_CERTIFICATE_PATH");
        if (set(environment, "AZURE_TENANT_ID") && !(set(environment, "AZURE_CLIENT_ID") && secret)) {
            // half a service principal: name what is missing rather than list every credential of the chain
            List<String> missing = new java.util.ArrayList<>();
            if (!set(environment, "AZURE_CLIENT_ID")) {
                missing.add("AZURE_CLIENT_ID");
            }
            if (!secret) {
                missing.add("AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)");
            }
            return "the service principal settings are incomplete: AZURE_TENANT_ID is set but "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " not; set "
                    + (missing.size() == 1 ? "it" : "them") + ", or unset AZURE_TENANT_ID to use 'az login' or a managed"
                    + " identity";
        }
        if (set(environment, "AZURE_CLIENT_ID") && set(environment, "AZURE_TENANT_ID") && secret) {
            return "the service principal in AZURE_CLIENT_ID could not sign in to tenant AZURE_TENANT_ID"
                    + aadCode(failure).map(c -> " (" + c + ")").orElse("")
                    + ": check the client id, the tenant and that the secret or certificate has not expired";
        }
        return "no Azure credential found: tried environment variables (AZURE_TENANT_ID, AZURE_CLIENT_ID, "
                + "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH), workload identity, managed identity, Azure CLI, Azure PowerShell and Azure "
                + "Developer CLI; sign in with 'az login', or set those variables for a service principal, or run "
                + "where a managed identity is assigned";
    }

    /** Microsoft Entra ID's error code (AADSTS7000215 …), the one part of its message worth showing. */
    private static Optional<String> aadCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = Pattern.compile("AADSTS\\d{5,8}").matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    private static boolean set(Function<String, String> environment, String name) {
        String v = environment.apply(name);
        return v != null && !v.isBlank();
    }

    private static Optional<String> host(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = HOST_IN_MESSAGE.matcher(message);
        return m.find() ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type).isPresent();
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            for (Throwable s : t.getSuppressed()) {
                if (type.isInstance(s)) {
                    return Optional.of(type.cast(s));
                }
            }
        }
        return Optional.empty();
    }
}
