package io.iothubtriage.reportstore;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.functions.testing.Azurite;
import io.iothubtriage.notify.HtmlReport;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored report on Azurite's real blob service: uploaded as JSON and HTML, readable through its link and
 * nothing more. (Azurite signs and checks service SAS; user-delegation keys are tested with a fake in
 * UserDelegationSignerTest.)
 */
class ReportStoreTest {

    private static BlobContainerClient container(String connectionString) {
        return new BlobServiceClientBuilder().connectionString(connectionString).retryOptions(ReportStore.RETRIES)
                .buildClient().getBlobContainerClient("reports-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void storesJsonAndHtmlAndTheLinkReadsThePageAndNothingElse() throws Exception {
        BlobContainerClient container = container(Azurite.blob().connectionString());
        ReportStore store = new ReportStore(container, LinkSigner.accountKey(), Duration.ofDays(7), Clock.systemUTC());
        TriageReport report = ReportFixtures.networkSubset();

        TriageReport linked = store.link(report);

        String link = linked.links().fullReport();
        assertThat(link).startsWith(container.getBlobContainerUrl() + "/" + ReportStore.name(report) + ".html?");
        HttpResponse<String> page = get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).isEqualTo(new HtmlReport().render(report));

        Map<String, String> q = query(URI.create(link));
        assertThat(q.get("sp")).isEqualTo("r");
        assertThat(q.get("sr")).isEqualTo("b");
        Instant expiry = Instant.parse(java.net.URLDecoder.decode(q.get("se"), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Duration.between(Instant.now(), expiry)).isBetween(Duration.ofDays(7).minusMinutes(1),
                Duration.ofDays(7));

        // Read-only: the same link cannot overwrite or delete the page, or widen its own permissions.
        assertThat(send(HttpRequest.newBuilder(URI.create(link)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("<script>x</script>")).build())).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create(link)).DELETE().build())).isEqualTo(403);
        assertThat(get(link.replace("sp=r", "sp=rw")).statusCode()).isEqualTo(403);
        // Another blob of the container is not readable with this link's signature.
        assertThat(get(link.replace(".html?", ".json?")).statusCode()).isEqualTo(403);
        // Without the signature the container is private.
        assertThat(get(link.substring(0, link.indexOf('?'))).statusCode()).isNotEqualTo(200);

        String json = container.getBlobClient(ReportStore.name(report) + ".json").downloadContent().toString();
        assertThat(new ObjectMapper().readTree(json).get("verdict").asText()).isEqualTo(report.verdict().name());
    }

    @Test
    void aRedeliveredAlertOverwritesItsOwnReport() {
        BlobContainerClient container = container(Azurite.blob().connectionString());
        ReportStore store = new ReportStore(container, LinkSigner.accountKey(), Duration.ofDays(1), Clock.systemUTC());
        TriageReport report = ReportFixtures.networkSubset();

        ReportStore.Stored first = store.store(report);
        ReportStore.Stored again = store.store(report);

        assertThat(again.name()).isEqualTo(first.name());
        assertThat(container.listBlobs().stream().map(b -> b.getName()))
                .containsExactlyInAnyOrder(first.name() + ".json", first.name() + ".html");
        assertThat(first.toString()).doesNotContain("sig=");
    }

    @Test
    void storageThatIsDownLeavesTheReportWithoutALinkAndDoesNotThrow() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BlobContainerClient container = container("DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT
                + ";AccountKey=" + Azurite.KEY + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT + ";");
        ReportStore store = new ReportStore(container, LinkSigner.accountKey(), Duration.ofDays(7), Clock.systemUTC());
        TriageReport report = ReportFixtures.networkSubset();

        TriageReport out = store.link(report);

        assertThat(out).isEqualTo(report);
        assertThat(out.links().fullReport()).isEmpty();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return fresh().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int send(HttpRequest r) throws IOException, InterruptedException {
        return fresh().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * A client per request: after refusing a write (403) Azurite may close the connection without saying so, and a
     * shared client would send the next request on that dead pooled connection ("header parser received no bytes").
     */
    private static HttpClient fresh() {
        return HttpClient.newHttpClient();
    }

    static Map<String, String> query(URI u) {
        Map<String, String> out = new HashMap<>();
        for (String p : u.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            out.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return out;
    }
}
