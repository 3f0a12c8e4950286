package io.iothubtriage.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of a real CLI process (its own JVM, so logging is configured as {@code main} does it): one clean
 * line per event, no java.util.logging records, no blank lines, no escape codes; {@code --verbose} adds records,
 * one line each.
 */
class ConsoleTest {

    private static final String ALERT = FirstContactTest.ALERT;
    private static final String LOGS = "src/test/resources/samples/iothub-resourcelogs/"
            + "learn-exercise-connections-deviceDisconnect-404104.json";

    @TempDir
    Path dir;

    record Process(int code, String out, String err) {
    }

    Process cli(String... args) throws IOException, InterruptedException {
        return cli(false, args);
    }

    /** With {@code withoutAzureSignIn}, none of the variables the credential chain reads reaches the process. */
    Process cli(boolean withoutAzureSignIn, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (withoutAzureSignIn) {
            pb.environment().keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_")
                    || k.startsWith("MSI_"));
            pb.environment().put("HOME", dir.toString()); // no Azure CLI or PowerShell sign-in kept there either
        }
        java.lang.Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Process(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void postPrintsOneCleanLinePerEventAndNoLogRecords() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            Process quiet = cli("triage", "--alert", ALERT, "--logs", LOGS, "--post", url, "--post", url);

            assertThat(quiet.code()).as(quiet.err()).isZero();
            assertThat(quiet.err().lines()).as(quiet.err()).singleElement().asString()
                    .startsWith("post generic 127.0.0.1:").contains(": delivered (HTTP 202) after 1 attempt in ")
                    .endsWith(" s (given 2 times, posted once)");
            assertThat(quiet.err())
                    .doesNotContain("INFO").doesNotContain("WebhookDelivery").doesNotContain("\n\n")
                    .doesNotContain("\u001b");

            Process verbose = cli("triage", "--alert", ALERT, "--logs", LOGS, "--post", url, "--verbose");
            assertThat(verbose.code()).as(verbose.err()).isZero();
            assertThat(verbose.err()).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO io\\.iothubtriage\\.notify: "
                    + "generic 127\\.0\\.0\\.1:\\d+ #[0-9a-f]{6}: delivered");
            assertThat(verbose.err().lines()).noneMatch(l -> l.startsWith("INFO: ") || l.isBlank());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aLiveRunWithoutACredentialSaysSoInOneLineAndTheAzureSdkKeepsQuiet() throws Exception {
        Process live = cli(true, "triage", "--hub", FirstContactTest.HUB,
                "--workspace", "11111111-2222-3333-4444-555555555555");

        assertThat(live.code()).as(live.err()).isEqualTo(Main.FAILURE);
        // the SDK's own records ([WARN] com.azure.core…, [ERROR] …AccessTokenCache…) would come through slf4j-simple
        assertThat(live.err().lines()).as(live.err()).hasSize(1)
                .allMatch(l -> l.startsWith("iothub-triage: no Azure credential found: tried environment variables"));
        assertThat(live.err()).doesNotContain("[WARN]").doesNotContain("[ERROR]").doesNotContain("com.azure");
    }

    @Test
    void theDemoConsoleStartsWithTheReportAndEndsWithTwoLines() throws Exception {
        Process demo = cli("demo", "--out-dir", dir.resolve("demo").toString());
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.err()).doesNotStartWith("\n").doesNotStartWith("\r").doesNotContain("\u001b");
        assertThat(demo.err().lines()).hasSize(2).noneMatch(String::isBlank);
        assertThat(demo.out()).startsWith("DEVICE_NETWORK_OR_KEEPALIVE");
    }
}
