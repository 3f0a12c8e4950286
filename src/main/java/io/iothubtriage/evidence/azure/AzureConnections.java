package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.monitor.query.LogsQueryAsyncClient;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The Azure clients of the process: one JDK HTTP client, one credential, one Log Analytics client and one Azure
 * Resource Manager pipeline, built on first use and shared by every triage (Functions reuse the worker process
 * across invocations; building clients per call would redo TLS handshakes and token requests).
 *
 * <p>Sources are cheap views over these clients; {@link #sources} makes them for given workspace and timeouts.
 */
public final class AzureConnections {

    /** One set of clients per distinct endpoints + identity; in practice exactly one per process. */
    private static final ConcurrentMap<Key, AzureConnections> PROCESS = new ConcurrentHashMap<>();

    private final AzureEndpoints endpoints;
    private final TokenCredential credential;
    private final Lazy<LogsQueryAsyncClient> logs;
    private final HttpPipeline resourceManager;
    private final HttpPipeline logAnalytics;

    private AzureConnections(AzureEndpoints endpoints, TokenCredential credential, HttpClient httpClient,
                             RetryOptions retry) {
        this.endpoints = endpoints;
        this.credential = credential;
        // Built on first use, on the thread of the first log query: it is the most expensive client to build
        // (about 0.4 s of class loading), and meanwhile the Resource Health and metrics requests are under way.
        this.logs = new Lazy<>(() -> LogAnalyticsConnectionSource.newClient(endpoints.logAnalytics().toString(),
                Optional.of(credential), httpClient, retry));
        this.resourceManager = AzurePipelines.resourceManager(httpClient, credential, endpoints.resourceManagerScope(),
                retry);
        this.logAnalytics = AzurePipelines.resourceManager(httpClient, credential, endpoints.logAnalyticsScope(), retry);
    }

    /**
     * The process's clients for these options' endpoints and identity, built on the first call: the credential
     * is {@code ManagedIdentityCredential} (with AZURE_CLIENT_ID for a user-assigned identity) in Azure, and
     * {@code DefaultAzureCredential} elsewhere.
     */
    public static AzureConnections forProcess(LiveOptions options) {
        return forProcess(options, AzureConnections::newCredential);
    }

    /**
     * As {@link #forProcess(LiveOptions)}, with the credential made by {@code credentials}: lets tests check the
     * sharing without building a real credential (one asked for a token without IDENTITY_ENDPOINT would probe the
     * instance-metadata endpoint of the machine).
     */
    static AzureConnections forProcess(LiveOptions options, BiFunction<Key, HttpClient, TokenCredential> credentials) {
        Key key = new Key(options.endpoints(), options.credentialKind(), options.clientId());
        return PROCESS.computeIfAbsent(key, k -> {
            HttpClient httpClient = AzurePipelines.jdkHttpClient();
            return new AzureConnections(k.endpoints(), credentials.apply(k, httpClient), httpClient,
                    AzurePipelines.retryOptions());
        });
    }

    /** Clients with an explicit credential and HTTP client (tests, benchmarks, custom hosting). */
    public static AzureConnections create(AzureEndpoints endpoints, TokenCredential credential, HttpClient httpClient) {
        return create(endpoints, credential, httpClient, AzurePipelines.retryOptions());
    }

    static AzureConnections create(AzureEndpoints endpoints, TokenCredential credential, HttpClient httpClient,
                                   RetryOptions retry) {
        return new AzureConnections(Objects.requireNonNull(endpoints, "endpoints"),
                Objects.requireNonNull(credential, "credential"), Objects.requireNonNull(httpClient, "httpClient"),
                Objects.requireNonNull(retry, "retry"));
    }

    /** The sources for the options' workspace, timeouts and ingestion allowance, on these clients. */
    public LiveSources sources(LiveOptions options) {
        return sources(options, Clock.systemUTC());
    }

    /**
     * As {@link #sources(LiveOptions)}, with the clock the connection logs' freshness is judged by (when the
     * triage ran, against the window's end and the ingestion allowance): the app's own, injected in tests.
     */
    public LiveSources sources(LiveOptions options, Clock clock) {
        return new LiveSources(connectionSource(options, clock), options.logsTimeout(), healthSource(options),
                options.healthTimeout(), metricsSource(options), options.metricsTimeout(), changeSource(options),
                options.healthTimeout());
    }

    /** The doctor's checks for these options, on these clients, without environment for the sign-in advice. */
    AccessCheck accessCheck(LiveOptions options) {
        return accessCheck(options, name -> null);
    }

    /**
     * The doctor's checks for these options, on these clients; {@code environment} (as the caller read it) only
     * words the sign-in advice.
     */
    public AccessCheck accessCheck(LiveOptions options, java.util.function.Function<String, String> environment) {
        return new AccessCheck(credential, endpoints, options.credentialKind(), connectionSource(options),
                healthSource(options), metricsSource(options), changeSource(options), options.healthTimeout(),
                environment);
    }

    public AzureEndpoints endpoints() {
        return endpoints;
    }

    TokenCredential credential() {
        return credential;
    }

    LogAnalyticsConnectionSource connectionSource(LiveOptions options) {
        return connectionSource(options, Clock.systemUTC());
    }

    private LogAnalyticsConnectionSource connectionSource(LiveOptions options, Clock clock) {
        return LogAnalyticsConnectionSource.builder().client(logs)
                .rowsPipeline(logAnalytics, endpoints.logAnalytics().toString())
                .workspaceId(options.workspaceId()).timeout(options.logsTimeout())
                .ingestionAllowance(options.ingestionAllowance()).clock(clock).build();
    }

    ResourceHealthSource healthSource(LiveOptions options) {
        return ResourceHealthSource.builder().pipeline(resourceManager).endpoint(endpoints.resourceManager())
                .timeout(options.healthTimeout()).build();
    }

    MetricsDeviceCountSource metricsSource(LiveOptions options) {
        return MetricsDeviceCountSource.builder().pipeline(resourceManager).endpoint(endpoints.resourceManager())
                .timeout(options.metricsTimeout()).build();
    }

    /** The change history (Activity Log, Resource Graph): ARM like Resource Health, so under its timeout. */
    ChangeHistorySource changeSource(LiveOptions options) {
        return new ChangeHistorySource(new ArmClient(resourceManager, endpoints.resourceManager()),
                options.healthTimeout());
    }

    static TokenCredential newCredential(Key key, HttpClient httpClient) {
        return switch (key.credentialKind()) {
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder().httpClient(httpClient);
                key.clientId().ifPresent(b::clientId);
                yield b.build();
            }
            case DEFAULT_AZURE_CREDENTIAL -> {
                // The sources' short retries for sign-in too: the SDK's default (3 retries, seconds apart, for each
                // request of the sign-in) kept a machine without network waiting 15 s and more for "no network".
                DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().httpClient(httpClient)
                        .authorityHost(key.endpoints().authorityHost().toString())
                        .retryOptions(AzurePipelines.retryOptions());
                key.clientId().ifPresent(b::managedIdentityClientId);
                yield b.build();
            }
        };
    }

    record Key(AzureEndpoints endpoints, CredentialKind credentialKind, Optional<String> clientId) {
    }

    /** A value built once, by the first thread that needs it. */
    static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
