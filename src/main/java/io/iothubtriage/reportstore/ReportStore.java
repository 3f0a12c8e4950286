package io.iothubtriage.reportstore;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.common.sas.SasProtocol;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.HtmlReport;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ReportJson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores each report in the app's storage (blob container {@value #CONTAINER}: {@code NAME.json} and
 * {@code NAME.html}) and makes the read-only link to the HTML page that the card's "Open the full report" button
 * opens. The container is private; the lifecycle rule that deletes old reports is the deployment's (infra/).
 *
 * <p>Storing is best effort: the card matters more than its link, so a failure is logged (stage
 * {@code report-link-failed}, with the error's type and status, never a URL) and the report goes out without it.
 */
public final class ReportStore {
    public static final String CONTAINER = "triage-reports";
    private static final Logger LOG = Logger.getLogger("iothub-triage.report-links");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** A link is valid from a little before it is made, for clocks that run behind. */
    private static final Duration START_SKEW = Duration.ofMinutes(5);

    /**
     * The blob clients' retries: three tries of at most 10 s each, so storage that is down delays the card by
     * seconds, not the SDK default's minutes.
     */
    public static final RequestRetryOptions RETRIES = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3,
            Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(2), null);

    private final BlobContainerClient container;
    private final LinkSigner signer;
    private final Duration validity;
    private final Clock clock;
    private volatile boolean containerChecked;

    public ReportStore(BlobContainerClient container, LinkSigner signer, Duration validity, Clock clock) {
        this.container = Objects.requireNonNull(container, "container");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A stored report: where it is and until when its link works. */
    public record Stored(String name, String link, Instant expiresAt) {
        @Override
        public String toString() {
            return "Stored[" + name + ", expires " + expiresAt + "]"; // the link is a credential
        }
    }

    /** Stores the report and returns it with {@link TriageReport.Links#fullReport()} set; unchanged on failure. */
    public TriageReport link(TriageReport report) {
        try {
            return report.withFullReport(store(report).link());
        } catch (RuntimeException e) {
            String status = e instanceof BlobStorageException b ? " status=" + b.getStatusCode()
                    + " code=" + b.getErrorCode() : "";
            LOG.log(Level.WARNING, "stage=report-link-failed hub=" + report.hub().name() + " error="
                    + e.getClass().getSimpleName() + status + " (the card goes out without the full-report link)");
            return report;
        }
    }

    /** Uploads the report's JSON and HTML (overwriting a retry's earlier copy) and signs the HTML's link. */
    public Stored store(TriageReport report) {
        ensureContainer();
        String name = name(report);
        upload(container.getBlobClient(name + ".json"), ReportJson.toPrettyJson(report), "application/json");
        BlobClient html = container.getBlobClient(name + ".html");
        upload(html, new HtmlReport().render(report), "text/html; charset=utf-8");
        Instant now = clock.instant();
        OffsetDateTime expiry = OffsetDateTime.ofInstant(now.plus(validity), ZoneOffset.UTC);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true))
                .setStartTime(OffsetDateTime.ofInstant(now.minus(START_SKEW), ZoneOffset.UTC))
                .setProtocol(html.getBlobUrl().startsWith("https://") ? SasProtocol.HTTPS_ONLY
                        : SasProtocol.HTTPS_HTTP);
        String sas = signer.sign(html, values);
        // The SDK escapes the name's slashes; a link with plain ones is the same blob and reads better.
        String url = html.getBlobUrl().replace("%2F", "/");
        return new Stored(name, url + "?" + sas, values.getExpiryTime().toInstant());
    }

    /**
     * {@code HUB/yyyy/MM/dd/HHmmss-KEY}: the hub, the alert's firing time (or the report's), and the notification's
     * idempotency key, so a redelivered alert overwrites its own report instead of adding one.
     */
    public static String name(TriageReport r) {
        Instant at = r.alert().map(a -> a.firedAt()).orElse(r.generatedAt());
        String key = Notification.of(r).idempotencyKey().orElseThrow().substring(0, 16);
        return r.hub().name().toLowerCase(Locale.ROOT) + "/" + DAY.format(at) + "/" + TIME.format(at) + "-" + key;
    }

    private void ensureContainer() {
        if (!containerChecked) {
            container.createIfNotExists();
            containerChecked = true;
        }
    }

    private static void upload(BlobClient blob, String content, String contentType) {
        BlobHttpHeaders headers = new BlobHttpHeaders().setContentType(contentType)
                .setCacheControl("private, no-store").setContentDisposition("inline");
        blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString(content)).setHeaders(headers),
                Duration.ofSeconds(30), com.azure.core.util.Context.NONE);
    }
}
