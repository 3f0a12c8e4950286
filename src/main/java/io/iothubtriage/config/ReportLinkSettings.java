package io.iothubtriage.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the worker stores each report in the app's storage and links the card to it, and for how long the link
 * works. Off by default: a link is a bearer credential to the report, so a deployment opts in.
 *
 * @param enabled     {@code REPORT_LINKS} (true/false, default false)
 * @param validity    {@code REPORT_LINK_DAYS}, whole days from 1 to 7 (default 7): a user-delegation SAS cannot
 *                    outlive the 7-day user delegation key it is signed with
 * @param blobService {@code AzureWebJobsStorage__blobServiceUri}, else the table endpoint's account with
 *                    {@code .blob.} for {@code .table.}; empty with a connection string (it names its own endpoints)
 */
public record ReportLinkSettings(boolean enabled, Duration validity, Optional<URI> blobService) {
    public static final String REPORT_LINKS = "REPORT_LINKS";
    public static final String REPORT_LINK_DAYS = "REPORT_LINK_DAYS";
    public static final String STORAGE_BLOB_SERVICE_URI = "AzureWebJobsStorage__blobServiceUri";
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

    public static ReportLinkSettings fromEnvironment(StorageSettings storage) {
        return from(System.getenv(), storage);
    }

    /** Reads the settings; every malformed one is named in one {@link SettingsException}. */
    public static ReportLinkSettings from(Map<String, String> env, StorageSettings storage) {
        List<SettingsException.Problem> problems = new ArrayList<>();
        boolean enabled = false;
        String flag = value(env, REPORT_LINKS);
        if (!flag.isEmpty()) {
            switch (flag.toLowerCase(Locale.ROOT)) {
                case "true" -> enabled = true;
                case "false" -> enabled = false;
                default -> problems.add(new SettingsException.Problem(REPORT_LINKS, "must be true or false"));
            }
        }
        int days = MAX_DAYS;
        String daysText = value(env, REPORT_LINK_DAYS);
        if (!daysText.isEmpty()) {
            try {
                days = Integer.parseInt(daysText);
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > MAX_DAYS) {
                problems.add(new SettingsException.Problem(REPORT_LINK_DAYS, "must be a whole number of days from 1 to "
                        + MAX_DAYS + " (a user-delegation link cannot live longer), was '"
                        + (daysText.length() > 20 ? daysText.substring(0, 20) + "…" : daysText) + "'"));
                days = MAX_DAYS;
            }
        }
        Optional<URI> blob = Optional.empty();
        if (storage instanceof StorageSettings.Identity id) {
            String explicit = value(env, STORAGE_BLOB_SERVICE_URI);
            if (!explicit.isEmpty()) {
                try {
                    URI u = new URI(explicit);
                    if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                        throw new URISyntaxException(explicit, "not an https URL");
                    }
                    blob = Optional.of(u);
                } catch (URISyntaxException e) {
                    problems.add(new SettingsException.Problem(STORAGE_BLOB_SERVICE_URI,
                            "must be the account's https blob endpoint, e.g. https://ACCOUNT.blob.core.windows.net"));
                }
            } else {
                blob = blobOf(id.tableEndpoint());
                if (blob.isEmpty() && enabled) {
                    problems.add(new SettingsException.Problem(STORAGE_BLOB_SERVICE_URI,
                            "needed with REPORT_LINKS=true: the blob endpoint cannot be derived from "
                                    + id.tableEndpoint()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new ReportLinkSettings(enabled, Duration.ofDays(days), blob);
    }

    /** https://acct.table.core.windows.net → https://acct.blob.core.windows.net (any cloud's suffix). */
    static Optional<URI> blobOf(URI table) {
        String host = table.getHost();
        if (host == null || !host.contains(".table.")) {
            return Optional.empty();
        }
        return Optional.of(URI.create(table.getScheme() + "://" + host.replaceFirst("\\.table\\.", ".blob.")));
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null ? "" : v.trim();
    }
}
