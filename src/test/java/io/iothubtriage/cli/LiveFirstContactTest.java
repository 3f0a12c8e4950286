package io.iothubtriage.cli;

import io.iothubtriage.evidence.azure.AzureConnections;
import io.iothubtriage.evidence.azure.AzureEndpoints;
import io.iothubtriage.evidence.azure.FakeCredential;
import io.iothubtriage.evidence.azure.LiveSources;
import io.iothubtriage.evidence.azure.TestTls;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Live mode from the command line, with loopback fakes: no credential, and a credential without network. */
class LiveFirstContactTest {

    static final String HUB = FirstContactTest.HUB;

    record Run(int code, String out, String err, Duration took) {
    }

    static Run triage(Map<String, String> env, java.util.function.Function<io.iothubtriage.evidence.azure.LiveOptions,
            Optional<String>> signIn, java.util.function.Function<io.iothubtriage.evidence.azure.LiveOptions,
            LiveSources> sources, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code;
        try {
            code = new TriageCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env, false, signIn, sources)
                    .run(List.of(args));
        } catch (SignInFailure e) {
            code = Main.FAILURE;
            err.write(("iothub-triage: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (UsageException | io.iothubtriage.alert.BadInputException e) {
            code = Main.BAD_INPUT; // as Main answers them
            err.write(("iothub-triage: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    static AzureEndpoints closedLoopback() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String base = "https://127.0.0.1:" + port;
        return new AzureEndpoints(URI.create(base), URI.create(base + "/v1"), URI.create(base));
    }

    @Test
    void withoutACredentialOneLineSaysSoAndNoReportIsPrinted() throws Exception {
        AzureEndpoints endpoints = closedLoopback();
        AtomicInteger sourceCalls = new AtomicInteger();
        Run run = triage(Map.of(), options -> Optional.of("no Azure credential found: tried …; sign in with "
                        + "'az login'"),
                options -> {
                    sourceCalls.incrementAndGet();
                    return AzureConnections.create(endpoints, new FakeCredential(), TestTls.httpClient())
                            .sources(options);
                }, "triage", "--hub", HUB);

        assertThat(run.code()).isEqualTo(Main.FAILURE);
        assertThat(run.err()).isEqualTo("iothub-triage: no Azure credential found: tried …; sign in with "
                + "'az login'\n");
        assertThat(run.out()).isEmpty();
        assertThat(run.took()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aLiveWindowOverSevenDaysIsBadInputBeforeAnySignIn() throws Exception {
        AtomicInteger signIns = new AtomicInteger();
        AtomicInteger sourceCalls = new AtomicInteger();
        String[][] windows = {
                {"2026-11-01T00:00:00Z", "2026-11-11T00:00:00Z", "10 days"},
                {"2026-11-01T00:00:00Z", "2026-11-08T00:00:01Z", "just over 7 days"}, // 7 days and 1 second
                {"2016-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "3,653 days (about 10 years)"}};
        for (String[] w : windows) {
            Run run = triage(Map.of(), options -> {
                signIns.incrementAndGet();
                return Optional.empty();
            }, options -> {
                sourceCalls.incrementAndGet();
                throw new AssertionError("no live source may be created for a bad window");
            }, "triage", "--hub", HUB, "--from", w[0], "--to", w[1]);
            assertThat(run.code()).as(run.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(run.err()).isEqualTo("iothub-triage: --from/--to: a live window may span at most 7 days, was "
                    + w[2] + " (files, with --logs, may span 30 days)\n");
            assertThat(run.out()).isEmpty();
        }
        assertThat(signIns).hasValue(0);
        assertThat(sourceCalls).hasValue(0);
    }

    @Test
    void withACredentialButNoNetworkTheReportNamesEachSourceInWordsWithinTheTimeouts() throws Exception {
        AzureEndpoints endpoints = closedLoopback();
        Map<String, String> env = Map.of("LOGS_TIMEOUT", "12s", "HEALTH_TIMEOUT", "10s", "METRICS_TIMEOUT", "10s");

        Run run = triage(env, options -> Optional.empty(),
                options -> AzureConnections.create(endpoints, new FakeCredential(), TestTls.httpClient())
                        .sources(options), "triage", "--hub", HUB, "--lookback", "90m");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Log Analytics could not be reached (connection refused or no network)")
                .contains("Resource Health could not be reached").contains("could not be reached")
                .doesNotContain("java.").doesNotContain("Exception").doesNotContain("switchIfEmpty");
        assertThat(run.err()).isEmpty(); // not a terminal: no waiting line
        assertThat(run.took()).isLessThan(Duration.ofSeconds(12 + 5));
    }
}
