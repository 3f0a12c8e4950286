package io.iothubtriage.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether the worker stores each report in the app's storage and links the card to it, and for how long the link
 * works. Off by default: a link is a bearer credential to the report, so a deployment opts in. Read with every
 * other setting by {@link Settings#from} ({@link Settings#reportLinks()}).
 *
 * @param enabled     {@code REPORT_LINKS} (true/false, default false)
 * @param validity    {@code REPORT_LINK_DAYS}, whole days from 1 to 7 (default 7): a user-delegation SAS cannot
 *                    outlive the 7-day user delegation key it is signed with
 * @param blobService {@code AzureWebJobsStorage__blobServiceUri}, else the table endpoint's account with
 *                    {@code .blob.} for {@code .table.}; empty with a connection string (it names its own endpoints)
 */
public record ReportLinkSettings(boolean enabled, Duration validity, Optional<URI> blobService) {
    public static final int MAX_DAYS = 7;

    public ReportLinkSettings {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new IllegalArgumentException("validity must be within 7 days: " + validity);
        }
        blobService = blobService == null ? Optional.empty() : blobService;
    }

    public static ReportLinkSettings disabled() {
        return new ReportLinkSettings(false, Duration.ofDays(MAX_DAYS), Optional.empty());
    }

    /** https://acct.table.core.windows.net → https://acct.blob.core.windows.net (any cloud's suffix). */
    static Optional<URI> blobOf(URI table) {
        String host = table.getHost();
        if (host == null || !host.contains(".table.")) {
            return Optional.empty();
        }
        return Optional.of(URI.create(table.getScheme() + "://" + host.replaceFirst("\\.table\\.", ".blob.")));
    }
}
