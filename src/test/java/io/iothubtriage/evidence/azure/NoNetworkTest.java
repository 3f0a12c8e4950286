package io.iothubtriage.evidence.azure;

import com.azure.core.exception.ClientAuthenticationException;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.EvidenceException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.HUB;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every live source, and the doctor, with a credential but no usable network, against loopback only: a closed port
 * (refused), a port that accepts and never answers (hangs), and a credential whose sign-in cannot connect. Each
 * source gives up within its own timeout and says what happened in words.
 */
class NoNetworkTest {

    static final TriageRequest REQUEST = new TriageRequest(HUB, WINDOW, WINDOW.before(Duration.ofHours(24)),
            Optional.empty());
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    static LiveOptions options(AzureEndpoints endpoints) {
        return LiveOptions.defaults(endpoints)
                .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT);
    }

    static AzureEndpoints at(int port) {
        String base = "https://127.0.0.1:" + port;
        return new AzureEndpoints(URI.create(base), URI.create(base + "/v1"), URI.create(base));
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static List<String> failures(LiveSources sources) {
        List<String> out = new ArrayList<>();
        out.add(catchThrowableOfType(() -> sources.connections().fetch(REQUEST), EvidenceException.class).getMessage());
        out.add(catchThrowableOfType(() -> sources.health().fetch(REQUEST), EvidenceException.class).getMessage());
        out.add(catchThrowableOfType(() -> sources.deviceCount().fetch(REQUEST), EvidenceException.class)
                .getMessage());
        return out;
    }

    @Test
    void aRefusedConnectionIsNamedPerSourceInWords() throws IOException {
        AzureEndpoints endpoints = at(closedPort());
        LiveSources sources = AzureConnections.create(endpoints, new FakeCredential(), TestTls.httpClient(),
                AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(20))).sources(options(endpoints));

        long t0 = System.nanoTime();
        List<String> said = failures(sources);

        assertThat(said).satisfiesExactly(
                logs -> assertThat(logs).isEqualTo("Log Analytics could not be reached (connection refused or no "
                        + "network)"),
                health -> assertThat(health).contains("could not be reached (connection refused or no network)"),
                metrics -> assertThat(metrics).contains("could not be reached (connection refused or no network)"));
        assertThat(said).allSatisfy(m -> assertThat(m).doesNotContainPattern("java\\.|Exception|switchIfEmpty"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.multipliedBy(3));
    }

    @Test
    void aServiceThatNeverAnswersIsLeftAfterEachSourcesTimeout() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accepted, never answered (not even the TLS handshake)
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            AzureEndpoints endpoints = at(silent.getLocalPort());
            LiveSources sources = AzureConnections.create(endpoints, new FakeCredential(), TestTls.httpClient(),
                    AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(20))).sources(options(endpoints));

            for (var source : List.<java.util.concurrent.Callable<?>>of(() -> sources.connections().fetch(REQUEST),
                    () -> sources.health().fetch(REQUEST), () -> sources.deviceCount().fetch(REQUEST))) {
                long t0 = System.nanoTime();
                EvidenceException e = catchThrowableOfType(source::call, EvidenceException.class);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);

                assertThat(e.getMessage()).endsWith("did not answer within 2 s").doesNotContain("switchIfEmpty")
                        .doesNotContain("Exception");
                assertThat(e.isRetryable()).isTrue();
                assertThat(took).isLessThan(TIMEOUT.plusSeconds(3));
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aSignInThatCannotConnectIsNamedAsTheSignIn() throws IOException {
        AzureEndpoints endpoints = at(closedPort());
        LiveSources sources = AzureConnections.create(endpoints, request -> Mono.error(
                        new ClientAuthenticationException("ClientSecretCredential authentication failed", null,
                                new ConnectException("Connection refused"))), TestTls.httpClient(),
                AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(20))).sources(options(endpoints));

        assertThat(failures(sources)).allSatisfy(m -> assertThat(m).startsWith("could not sign in for ")
                .endsWith(": the sign-in service could not be reached (connection refused or no network)"));
    }

    @Test
    void theDoctorSaysTheSignInCouldNotReachTheNetworkAndStops() throws IOException {
        AzureEndpoints endpoints = at(closedPort());
        List<SourceCheck> checks = AzureConnections.create(endpoints, request -> Mono.error(
                        new ClientAuthenticationException("failed", null, new ConnectException("refused"))),
                TestTls.httpClient()).accessCheck(options(endpoints)).check(HUB);

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(SourceCheck.Status.UNAVAILABLE);
            assertThat(c.detail()).isEqualTo("could not sign in for Azure Resource Manager: the sign-in service could "
                    + "not be reached (connection refused or no network); nothing else was checked");
        });
    }
}
