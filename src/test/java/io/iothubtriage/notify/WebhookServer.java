package io.iothubtriage.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free port that answers webhook posts from a script of replies (the last reply repeats)
 * and records every request it receives, with its arrival time.
 */
final class WebhookServer implements AutoCloseable {

    /** One scripted answer. {@code hang} = accept the request and never answer. */
    record Reply(int status, String body, Map<String, String> headers, long delayMillis, boolean hang) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), 0, false);
        }

        static Reply of(int status, String body, Map<String, String> headers) {
            return new Reply(status, body, headers, 0, false);
        }

        static Reply delayed(int status, String body, long delayMillis) {
            return new Reply(status, body, Map.of(), delayMillis, false);
        }

        static Reply hanging() {
            return new Reply(0, "", Map.of(), 0, true);
        }

        /** Reads the request, then closes the connection without an answer. */
        static Reply dropped() {
            return new Reply(-1, "", Map.of(), 0, false);
        }
    }

    record Received(String method, String pathAndQuery, String contentType, String idempotencyKey, String body,
                    long nanoTime) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Reply last = Reply.of(200, "ok");

    WebhookServer(Reply... replies) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        script.addAll(List.of(replies));
        server.start();
    }

    /** A URL on this server with the given path and query, e.g. "/workflows/abc/triggers/manual?sig=x". */
    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] in = ex.getRequestBody().readAllBytes();
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("Idempotency-Key"),
                new String(in, StandardCharsets.UTF_8),
                System.nanoTime()));
        Reply r = script.pollFirst();
        if (r == null) {
            r = last;
        } else {
            last = r;
        }
        try {
            if (r.hang()) {
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            if (r.delayMillis() > 0) {
                closing.await(r.delayMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (r.status() < 0) {
            ex.close();
            return;
        }
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
