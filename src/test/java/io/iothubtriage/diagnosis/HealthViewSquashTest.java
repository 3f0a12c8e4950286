package io.iothubtriage.diagnosis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** squash drops exactly what the regex {@code [\s_-]} matched before it became a loop, after lower-casing. */
class HealthViewSquashTest {

    @Test
    void dropsWhitespaceUnderscoresAndDashesLikeTheRegex() {
        for (String s : List.of("West Europe", "IoT Hub", "iot_hub", "North-Central US", " a\tb\nc\u000Bd\fe\rf ",
                "Global", "", "ÄÖ Ü", "x\u00A0y", "a\u2003b", "IOTHUB")) {
            String viaRegex = s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
            assertThat(HealthView.squash(s)).as(s).isEqualTo(viaRegex);
        }
        assertThat(HealthView.squash("West Europe")).isEqualTo("westeurope");
    }
}
