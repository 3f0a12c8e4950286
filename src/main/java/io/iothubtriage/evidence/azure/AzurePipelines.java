package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** The HTTP plumbing every live source shares: the JDK transport, retries, bearer tokens. */
final class AzurePipelines {

    static final String USER_AGENT = "iothub-triage";
    /** Connecting to Azure takes milliseconds; a connect that takes longer is a network problem. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Retries stop when the server asks to wait longer than this: the source's deadline could not be met. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

    private AzurePipelines() {
    }

    /** One JDK HttpClient for the process (no Netty: see docs/live-evidence.md for the measurements). */
    static HttpClient jdkHttpClient() {
        return new JdkHttpClientBuilder().connectionTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Two retries with exponential backoff (0.3 s, then 0.6 s, at most 3 s) on 408, 429, 500, 502, 503 and I/O
     * errors. Not on 504: the service already spent its whole time budget on the request. Not when Retry-After
     * asks for more than {@link #MAX_RETRY_AFTER}: the caller is told to come back later instead.
     */
    static RetryOptions retryOptions() {
        return retryOptions(Duration.ofMillis(300), Duration.ofSeconds(3));
    }

    static RetryOptions retryOptions(Duration baseDelay, Duration maxDelay) {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(2).setBaseDelay(baseDelay)
                .setMaxDelay(maxDelay)).setShouldRetryCondition(AzurePipelines::shouldRetry);
    }

    static boolean shouldRetry(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        if (response == null) {
            Throwable t = condition.getThrowable();
            return t instanceof IOException || t instanceof TimeoutException
                    || (t != null && t.getCause() instanceof IOException);
        }
        int status = response.getStatusCode();
        if (status != 408 && status != 429 && status != 500 && status != 502 && status != 503) {
            return false;
        }
        Optional<Duration> wait = AzureFailures.retryAfter(response.getHeaderValue("Retry-After"));
        return wait.map(d -> d.compareTo(MAX_RETRY_AFTER) <= 0).orElse(true);
    }

    /**
     * The Log Analytics pipeline of the row query: as {@link #resourceManager}, with the token for the Log Analytics
     * scope, and without a token when no credential is given (tests against a local fake).
     */
    static HttpPipeline logAnalytics(HttpClient httpClient, Optional<TokenCredential> credential, String scope,
                                     RetryOptions retry) {
        if (credential.isPresent()) {
            return resourceManager(httpClient, credential.get(), scope, retry);
        }
        return new HttpPipelineBuilder()
                .httpClient(httpClient)
                .policies(new UserAgentPolicy(USER_AGENT), new RequestIdPolicy(), new RetryPolicy(retry))
                .build();
    }

    /** The Azure Resource Manager pipeline: user agent, request id, retries, then a bearer token for the scope. */
    static HttpPipeline resourceManager(HttpClient httpClient, TokenCredential credential, String scope,
                                        RetryOptions retry) {
        return new HttpPipelineBuilder()
                .httpClient(httpClient)
                .policies(new UserAgentPolicy(USER_AGENT), new RequestIdPolicy(), new RetryPolicy(retry),
                        new BearerTokenAuthenticationPolicy(credential, scope))
                .build();
    }
}
