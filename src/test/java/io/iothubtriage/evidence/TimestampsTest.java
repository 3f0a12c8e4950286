package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-26T10:41:02Z              | 2026-11-26T10:41:02Z",
            "2026-11-26T10:41:02.1Z            | 2026-11-26T10:41:02.100Z",
            "2026-11-26T10:41:02.123Z          | 2026-11-26T10:41:02.123Z",
            "2026-11-26T10:41:02.1234567Z      | 2026-11-26T10:41:02.123456700Z",
            "2026-11-26T10:41:02.123456789Z    | 2026-11-26T10:41:02.123456789Z",
            "2026-11-26T10:41:02.1234567891Z   | 2026-11-26T10:41:02.123456789Z",
            "2026-11-26T12:41:02+02:00         | 2026-11-26T10:41:02Z",
            "2026-11-26T05:41:02.5-05:00       | 2026-11-26T10:41:02.500Z",
            "2026-11-26T12:41:02+0200          | 2026-11-26T10:41:02Z",
            "2026-11-26T12:41:02+02            | 2026-11-26T10:41:02Z",
            "2026-11-26T10:41:02               | 2026-11-26T10:41:02Z",
            "2026-11-26 10:41:02.25            | 2026-11-26T10:41:02.250Z",
            "2026-11-26T10:41Z                 | 2026-11-26T10:41:00Z",
            "2021-04-20T09:00:00+00:00         | 2021-04-20T09:00:00Z",
            "2024-02-29T23:59:59.9999999Z      | 2024-02-29T23:59:59.999999900Z",
            "11/26/2026, 10:41:02.123 AM       | 2026-11-26T10:41:02.123Z",
            "11/26/2026, 10:41:02 PM           | 2026-11-26T22:41:02Z",
            "1/2/2026, 12:05:00.5 AM           | 2026-01-02T00:05:00.500Z",
            "1/2/2026, 12:05:00 PM             | 2026-01-02T12:05:00Z",
            "1/2/2026 7:05:09 am               | 2026-01-02T07:05:09Z",
            "12/31/2026, 23:59:59.999          | 2026-12-31T23:59:59.999Z",
            "'  2026-11-26T10:41:02Z  '        | 2026-11-26T10:41:02Z",
    })
    void parsesTheFormsExportsUse(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " UTC timestamp", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T10:60:00Z", "2026-11-26T10:41:02.Z",
            "2026-11-26T10:41:02Zjunk", "2026-11-26", "2026-11-26T10:41:02+25:00", "13/26/2026, 10:41:02 AM",
            "11/26/2026, 13:41:02 PM", "11/26/2026, 10:41:02 XM", "2026/11/26 10:41:02", "1764153662"})
    void refusesWhatIsNotATimestamp(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }

    @Test
    void zoneLessTextUsesTheGivenOffset() {
        assertThat(Timestamps.parse("2026-11-26T11:41:02", 3600)).isEqualTo(Instant.parse("2026-11-26T10:41:02Z"));
        assertThat(Timestamps.parse("2026-11-26T11:41:02Z", 3600)).isEqualTo(Instant.parse("2026-11-26T11:41:02Z"));
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsAndOffsets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-2_000_000_000L, 8_000_000_000L);
            int nanos = random.nextInt(1_000_000_000);
            int offsetMinutes = random.nextInt(-14 * 60, 14 * 60 + 1);
            Instant instant = Instant.ofEpochSecond(second, nanos);
            String text = OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
                    .toString();
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(instant);
        }
    }
}
