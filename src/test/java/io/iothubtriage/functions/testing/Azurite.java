package io.iothubtriage.functions.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Azurite table and queue service for the tests, started once per test JVM from the pinned npm package in
 * {@code tools/azurite} (installed with {@code npm ci} when its node_modules are missing) on free ports, in memory.
 * Nothing here is skipped when Azurite cannot start: the tests fail with the reason, because the ledger and the
 * queue path are only proven against real storage services.
 */
public final class Azurite {
    /** Azurite's documented development account; the key is public and the same everywhere. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static Azurite instance;

    private final Process process;
    private final int tablePort;
    private final Process queueProcess;
    private final int queuePort;
    private final Path workDir;

    private Azurite(Service table, Service queue) {
        this.process = table.process();
        this.tablePort = table.port();
        this.queueProcess = queue.process();
        this.queuePort = queue.port();
        this.workDir = table.workDir();
    }

    private record Service(Process process, int port, Path workDir) {
    }

    /** The running instance, started on first use and stopped when the JVM exits. */
    public static synchronized Azurite get() {
        if (instance == null || !instance.process.isAlive() || !instance.queueProcess.isAlive()) {
            instance = start();
            Azurite started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "azurite-stop"));
        }
        return instance;
    }

    public int tablePort() {
        return tablePort;
    }

    public String tableEndpoint() {
        return "http://127.0.0.1:" + tablePort + "/" + ACCOUNT;
    }

    public String queueEndpoint() {
        return "http://127.0.0.1:" + queuePort + "/" + ACCOUNT;
    }

    /** A connection string for the table and queue services. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";TableEndpoint=" + tableEndpoint() + ";QueueEndpoint=" + queueEndpoint() + ";";
    }

    /** The same account with its services on a port where nothing listens: storage that is down. */
    public static String unreachableConnectionString() {
        int port = freePort();
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";TableEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT
                + ";QueueEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";";
    }

    void stop() {
        queueProcess.destroy();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private static Azurite start() {
        Service table = start("table");
        try {
            return new Azurite(table, start("queue"));
        } catch (RuntimeException e) {
            table.process().destroyForcibly();
            throw e;
        }
    }

    private static Service start(String service) {
        Path tool = toolDir();
        Path main = tool.resolve("node_modules/azurite/dist/src/" + service + "/main.js");
        if (!Files.isRegularFile(main)) {
            install(tool);
        }
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("Azurite is not installed: " + main + " is missing after npm ci in " + tool);
        }
        String lastFailure = "";
        // A free port can be taken between probing and binding; try a few.
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            try {
                Path work = Files.createTempDirectory("azurite-");
                Path log = work.resolve("azurite.log");
                Process p = new ProcessBuilder(node(), main.toString(),
                        "--" + service + "Host", "127.0.0.1", "--" + service + "Port", Integer.toString(port),
                        "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--silent")
                        .directory(work.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (awaitListening(p, port)) {
                    return new Service(p, port, work);
                }
                p.destroyForcibly();
                lastFailure = Files.readString(log, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                lastFailure = e.toString();
            }
        }
        throw new IllegalStateException("Azurite " + service + " service did not start within " + START_TIMEOUT.toSeconds()
                + " s (node " + node() + ", " + main + "): " + lastFailure);
    }

    private static boolean awaitListening(Process p, int port) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        return false;
    }

    /** Runs {@code npm ci} in tools/azurite: the lock file pins Azurite and every transitive package. */
    private static void install(Path tool) {
        List<String> cmd = new ArrayList<>(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        try {
            Path log = Files.createTempFile("azurite-npm-ci-", ".log");
            Process p = new ProcessBuilder(cmd).directory(tool.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("npm ci in " + tool + " did not finish within "
                        + INSTALL_TIMEOUT.toMinutes() + " min");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + tool + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run npm ci in " + tool
                    + " (Node.js 18+ and npm are needed to run Azurite for the tests): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Azurite", e);
        }
    }

    private static Path toolDir() {
        Path dir = Path.of(System.getProperty("azurite.dir", "tools/azurite")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
            throw new IllegalStateException("no package-lock.json in " + dir
                    + " (tests run from the project root; set -Dazurite.dir otherwise)");
        }
        return dir;
    }

    private static String node() {
        return System.getProperty("azurite.node", "node");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port for Azurite", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Blob blob;

    /** Azurite's blob service, started like the table service (its own process, a free port, in memory). */
    public static synchronized Blob blob() {
        if (blob == null || !blob.process().isAlive()) {
            Service service = start("blob");
            blob = new Blob(service.process(), service.port());
            Blob started = blob;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.process().destroyForcibly(), "azurite-blob-stop"));
        }
        return blob;
    }

    /** A running Azurite blob service. */
    public record Blob(Process process, int port) {
        public String endpoint() {
            return "http://127.0.0.1:" + port + "/" + ACCOUNT;
        }

        /** A connection string for the blob service only, with the development account's key. */
        public String connectionString() {
            return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                    + ";BlobEndpoint=" + endpoint() + ";";
        }
    }
}
