package io.iothubtriage.functions.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A chat webhook on a real local port that counts and keeps every request. By default it answers like a Teams
 * Workflows trigger (202, empty body); queued answers ({@link #thenAnswer}) or a standing one
 * ({@link #alwaysAnswer}) simulate outages.
 */
public final class FakeWebhook implements AutoCloseable {
    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Deque<Integer> queued = new ArrayDeque<>();
    private volatile int standing = 202;
    private volatile String okBody = "";
    private volatile java.util.function.Function<String, Integer> answerBy = body -> null;

    public FakeWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] in;
            try (InputStream is = exchange.getRequestBody()) {
                in = is.readAllBytes();
            }
            bodies.add(new String(in, StandardCharsets.UTF_8));
            Integer decided = answerBy.apply(new String(in, StandardCharsets.UTF_8));
            int status;
            synchronized (queued) {
                status = decided != null ? decided : queued.isEmpty() ? standing : queued.poll();
            }
            if (status / 100 == 2) {
                accepted.add(new String(in, StandardCharsets.UTF_8));
            }
            byte[] out = (status / 100 == 2 ? okBody : "service unavailable").getBytes(StandardCharsets.UTF_8);
            if (status == 429 || status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** Like Slack: 200 with body "ok". */
    public FakeWebhook slackStyle() {
        standing = 200;
        okBody = "ok";
        return this;
    }

    /** The next requests get these statuses, in order; then the standing answer again. */
    public FakeWebhook thenAnswer(int... statuses) {
        synchronized (queued) {
            for (int s : statuses) {
                queued.add(s);
            }
        }
        return this;
    }

    /** Decides the status from the body; null leaves it to the scripted and standing answers. */
    public FakeWebhook answerBy(java.util.function.Function<String, Integer> decide) {
        this.answerBy = decide;
        return this;
    }

    public FakeWebhook alwaysAnswer(int status) {
        standing = status;
        return this;
    }

    /** A URL path with a secret-looking query, as real webhook URLs have. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path + "?sig=TOPSECRETSIG";
    }

    public int requests() {
        return bodies.size();
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The bodies it answered with 2xx: what reached the channel. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    public String last() {
        return bodies.isEmpty() ? "" : bodies.get(bodies.size() - 1);
    }

    public void reset() {
        bodies.clear();
        accepted.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
