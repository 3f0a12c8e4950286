package io.iothubtriage.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.iothubtriage.evidence.azure.TestTls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Local fakes of the three Azure APIs the live sources call, over HTTPS with the test certificate, each answering
 * after a fixed delay, plus the App Service managed-identity token endpoint over plain HTTP (as in Azure).
 * Loopback only; it serves until {@link #close()}.
 */
public final class FakeAzureApis implements AutoCloseable {

    /** How long each API waits before answering. */
    public record Delays(Duration logs, Duration status, Duration history, Duration events, Duration metrics) {
        public static final Delays NONE = new Delays(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public static final String IDENTITY_HEADER = "bench-identity-header";

    private final HttpsServer https;
    private final HttpServer identity;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-azure");
        t.setDaemon(true);
        return t;
    });

    public FakeAzureApis(Delays delays) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        https = HttpsServer.create(new InetSocketAddress(loopback, 0), 64);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        https.setExecutor(threads);
        https.createContext("/", exchange -> route(exchange, delays));
        https.start();
        identity = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        identity.setExecutor(threads);
        identity.createContext("/msi/token", FakeAzureApis::token);
        identity.start();
    }

    public int httpsPort() {
        return https.getAddress().getPort();
    }

    /** The managed-identity endpoint to put in IDENTITY_ENDPOINT. */
    public String identityEndpoint() {
        return "http://localhost:" + identity.getAddress().getPort() + "/msi/token";
    }

    @Override
    public void close() {
        https.stop(0);
        identity.stop(0);
        threads.shutdownNow();
    }

    private static void route(HttpExchange exchange, Delays delays) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                send(exchange, 401, "{\"error\":{\"code\":\"AuthenticationFailed\",\"message\":\"no token\"}}");
                return;
            }
            if (path.endsWith("/query")) {
                sleep(delays.logs());
                send(exchange, 200, body.contains("totalsSection") ? BenchData.SUMMARY : BenchData.TIMELINE);
            } else if (path.endsWith("/availabilityStatuses/current")) {
                sleep(delays.status());
                send(exchange, 200, BenchData.CURRENT);
            } else if (path.endsWith("/availabilityStatuses")) {
                sleep(delays.history());
                send(exchange, 200, BenchData.HISTORY);
            } else if (path.endsWith("/events")) {
                sleep(delays.events());
                send(exchange, 200, BenchData.EVENTS);
            } else if (path.endsWith("/providers/Microsoft.Insights/metrics")) {
                sleep(delays.metrics());
                send(exchange, 200, BenchData.METRICS);
            } else {
                send(exchange, 404, "{\"error\":{\"code\":\"PathNotFoundError\",\"message\":\"" + path + "\"}}");
            }
        }
    }

    /** App Service managed identity, api-version 2019-08-01: expires_on in epoch seconds. */
    private static void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!IDENTITY_HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
                send(exchange, 400, "{\"error\":\"missing X-IDENTITY-HEADER\"}");
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            String resource = query == null ? "" : query.replaceAll(".*resource=([^&]*).*", "$1");
            send(exchange, 200, "{\"access_token\":\"bench-token\",\"expires_on\":\""
                    + Instant.now().plusSeconds(3600).getEpochSecond() + "\",\"resource\":\"" + resource
                    + "\",\"token_type\":\"Bearer\",\"client_id\":\"00000000-0000-0000-0000-000000000000\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = FakeAzureApis.class.getResourceAsStream("/tls/localhost.p12")) {
            store.load(in, TestTls.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, TestTls.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** Runs the fakes without delays for the cold-start measurement; prints the ports and serves until killed. */
    public static void main(String[] args) throws Exception {
        FakeAzureApis apis = new FakeAzureApis(Delays.NONE);
        System.out.println("https=" + apis.httpsPort() + " identity=" + apis.identityEndpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
