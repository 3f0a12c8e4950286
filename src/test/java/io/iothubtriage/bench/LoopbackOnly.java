package io.iothubtriage.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmarks' guard: they run the production credential and clients, which reach whatever the environment names,
 * so they refuse to start unless every Azure endpoint, and the managed-identity endpoint, is on this machine.
 * Without IDENTITY_ENDPOINT a managed identity (and DefaultAzureCredential) would probe the instance-metadata
 * address 169.254.169.254; credentials from the environment (a client secret, a federated token) are refused too.
 */
final class LoopbackOnly {

    /** Settings that must be set, to a loopback http(s) URL. */
    static final List<String> REQUIRED_URLS = List.of("IDENTITY_ENDPOINT", "ARM_ENDPOINT", "LOG_ANALYTICS_ENDPOINT",
            "AZURE_AUTHORITY_HOST");
    /** Settings that would send the credential somewhere else. */
    static final List<String> FORBIDDEN = List.of("MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT",
            "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_USERNAME",
            "IDENTITY_SERVER_THUMBPRINT", "AZURE_POD_IDENTITY_AUTHORITY_HOST");

    private LoopbackOnly() {
    }

    /** The problems with {@code env}; empty when every endpoint is local. */
    static List<String> problems(Function<String, String> env) {
        List<String> problems = new ArrayList<>();
        for (String name : REQUIRED_URLS) {
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                problems.add(name + " is not set");
            } else if (!isLoopback(value)) {
                problems.add(name + " is not a loopback URL: " + value);
            }
        }
        String header = env.apply("IDENTITY_HEADER");
        if (header == null || header.isBlank()) {
            problems.add("IDENTITY_HEADER is not set");
        }
        for (String name : FORBIDDEN) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) {
                problems.add(name + " must not be set");
            }
        }
        return problems;
    }

    /** Exits with status 2 and the problems on stderr unless the process environment is loopback-only. */
    static void requireForThisProcess(String who) {
        Map<String, String> env = System.getenv();
        List<String> problems = problems(env::get);
        if (!problems.isEmpty()) {
            System.err.println(who + ": refusing to run, Azure endpoints must be local fakes set before the JVM"
                    + " starts (scripts/bench-live.sh does this): " + String.join("; ", problems));
            System.exit(2);
        }
    }

    static boolean isLoopback(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (host == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return false;
            }
            return host.equalsIgnoreCase("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("[::1]");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
