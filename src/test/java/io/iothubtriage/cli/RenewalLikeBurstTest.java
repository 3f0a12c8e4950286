package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.row;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site's network blip of a minute gives every device there a drop and a reconnect within 2 minutes, the shape of
 * a SAS-token renewal; the devices' own renewals recur at their token's period. A blip is counted as the site's drop;
 * an aligned renewal wave (a site's devices renewing in the same minute every hour) and a device renewing at its usual
 * time are still set aside, on the three export formats.
 */
class RenewalLikeBurstTest {

    private static final String SITE = "203.0.113.XXX";
    private static final String[] OTHER_SITES = {"198.51.100.XXX", "192.0.2.XXX"};
    private static final Instant BASELINE_START = Instant.parse("2026-01-14T10:11:00Z");
    private static final Instant DATA_END = at("10:50:00");
    private static final int SITE_DEVICES = 24;
    private static final int OTHER_DEVICES = 30;

    @TempDir
    Path dir;

    /** A renewal: the hub closes the connection (404104) and the device is back {@code back} later. */
    private static void renewal(List<ConnectionLogRow> rows, Instant t, Duration back, String id, String site) {
        rows.add(row(t, "deviceDisconnect", "404104", id, site));
        rows.add(row(t.plus(back), "deviceConnect", "", id, site));
    }

    /** Hourly renewals at {@code offset} past each hour, from the baseline's start to the end of the data. */
    private static void hourly(List<ConnectionLogRow> rows, Duration offset, String id, String site, Instant until) {
        Instant first = Instant.parse("2026-01-14T10:00:00Z").plus(offset);
        for (Instant t = first; t.isBefore(until); t = t.plus(Duration.ofHours(1))) {
            if (!t.isBefore(BASELINE_START)) {
                renewal(rows, t, Duration.ofSeconds(15), id, site);
            }
        }
    }

    /**
     * Devices at two other sites renewing hourly, each at its own minute; the site's devices renewing hourly in the
     * first 19 minutes of the hour, or, with {@code aligned}, all in the minute after :41.
     */
    private static List<ConnectionLogRow> fleet(boolean aligned, Instant siteUntil) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int s = 0; s < OTHER_SITES.length; s++) {
            for (int i = 0; i < OTHER_DEVICES; i++) {
                hourly(rows, Duration.ofSeconds(((s * OTHER_DEVICES + i) * 61L) % 3600), "other-" + s + "-" + i,
                        OTHER_SITES[s], DATA_END);
            }
        }
        for (int i = 0; i < SITE_DEVICES; i++) {
            Duration offset = aligned ? Duration.ofSeconds(41 * 60 + i) : Duration.ofSeconds(i * 47L);
            hourly(rows, offset, String.format("site-%02d", i), SITE, siteUntil);
        }
        return rows;
    }

    /** The site's devices all drop within 24 s of 10:41 and come back 60 to 90 s later, off their renewal minute. */
    private static List<ConnectionLogRow> blip() {
        List<ConnectionLogRow> rows = fleet(false, at("10:41:00"));
        for (int i = 0; i < SITE_DEVICES; i++) {
            renewal(rows, at("10:41:00").plusSeconds(i), Duration.ofSeconds(60 + (i * 7) % 31),
                    String.format("site-%02d", i), SITE);
        }
        return rows;
    }

    /** How many devices of the other sites renewed in the window 10:11–10:46 (each once: hourly). */
    private static int otherRenewalsInWindow() {
        int n = 0;
        for (int k = 0; k < OTHER_SITES.length * OTHER_DEVICES; k++) {
            long offset = (k * 61L) % 3600;
            n += offset >= 11 * 60 && offset < 46 * 60 ? 1 : 0;
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aSiteBlipThatRecoversWithinTwoMinutesIsTheSitesDropNotRenewals(Format f) throws IOException {
        JsonNode r = SmallExport.triage(dir, f, blip(), Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(r.path("headline").asText()).startsWith("24 devices behind 203.0.113.XXX lost their connections "
                + "at 10:41 UTC (404104) and all have reconnected;");
        assertThat(r.path("scope").path("kind").asText()).isEqualTo("SUBSET");
        assertThat(r.path("scope").path("value").asText()).isEqualTo(SITE);
        assertThat(r.path("scope").path("affectedDevices").asInt()).isEqualTo(SITE_DEVICES);
        JsonNode code = r.path("errors").get(0);
        assertThat(code.path("code").asText()).isEqualTo("404104");
        assertThat(code.path("devices").asInt()).isEqualTo(SITE_DEVICES);
        assertThat(code.path("events").asInt()).isEqualTo(SITE_DEVICES);
        // the other sites' devices renewing at their usual minute are still set aside, and the site's own earlier
        // renewals in the window (10:11–10:19) are too: they are more than 10 minutes before the blip
        int siteRenewalsInWindow = 0;
        for (int i = 0; i < SITE_DEVICES; i++) {
            siteRenewalsInWindow += i * 47L >= 11 * 60 ? 1 : 0;
        }
        assertThat(siteRenewalsInWindow).isPositive();
        assertThat(r.path("noise").path("sasRenewalDevices").asInt()).isEqualTo(otherRenewalsInWindow());
        assertThat(texts(r.path("findings"))).contains("24 devices behind 203.0.113.XXX dropped between 10:41:00 "
                + "and 10:41:23 UTC and came back within 2 minutes, as a token renewal does, but together, all off "
                + "their own renewal times in the previous 24 h: counted as one drop of the site, not as SAS-token "
                + "renewals.");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anAlignedRenewalWaveAtOneSiteIsStillSetAside(Format f) throws IOException {
        // the same 24 devices drop in the same 24 s of 10:41 and come back 15 s later, as they have every hour all day
        JsonNode r = SmallExport.triage(dir, f, fleet(true, DATA_END), Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(r.path("scope").path("affectedDevices").asInt()).isZero();
        assertThat(r.path("noise").path("sasRenewalDevices").asInt())
                .isEqualTo(otherRenewalsInWindow() + SITE_DEVICES);
        assertThat(texts(r.path("findings"))).noneMatch(s -> s.contains("counted as one drop of the site"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aSingleDeviceRenewingAsUsualIsStillSetAside(Format f) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        hourly(rows, Duration.ofMinutes(30), "lonely-00", SITE, DATA_END);
        for (int i = 0; i < 10; i++) {
            rows.add(row(at("10:15:00").plusSeconds(i), "deviceConnect", "", "calm-" + i, SITE));
        }
        JsonNode r = SmallExport.triage(dir, f, rows, Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(r.path("noise").path("sasRenewalDevices").asInt()).isEqualTo(1);
        assertThat(r.path("errors").size()).isZero();
    }
}
