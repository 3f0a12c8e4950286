package io.iothubtriage.evidence.azure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** WireMock over HTTPS with the test certificate, plus the reference samples under src/test/resources/samples. */
public final class FakeAzureServer {
    public static final Path SAMPLES = Path.of("src", "test", "resources", "samples");

    private FakeAzureServer() {
    }

    public static WireMockServer start() {
        return start(new com.github.tomakehurst.wiremock.extension.Extension[0]);
    }

    /** With WireMock extensions, e.g. a {@link FakeLogAnalytics} answering queries from rows. */
    public static WireMockServer start(com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.wireMockConfig()
                .extensions(extensions)
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(TestTls.keystorePath())
                .keystorePassword(TestTls.PASSWORD)
                .keyManagerPassword(TestTls.PASSWORD)
                .keystoreType("PKCS12")
                .containerThreads(16)
                .jettyStopTimeout(0L));
        server.start();
        return server;
    }

    public static String baseUrl(WireMockServer server) {
        return "https://localhost:" + server.httpsPort();
    }

    /** A sample file as text. */
    public static String sample(String relative) {
        try {
            return Files.readString(SAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("sample missing: " + relative, e);
        }
    }
}
