package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PercentEncodingTest {

    @Test
    void isTheJdksEncoderWithSpacesAsPercent20() {
        java.util.Random random = new java.util.Random(20261205);
        String pool = "aZ09-_.*~ +/=?&%#:;@!$'()[]{}\"<>\\\n\té€…−\uD83D\uDE00\uD800\uDC00\u0080\u07FF\uFFFF";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int k = 0; k < n; k++) {
                s.append(pool.charAt(random.nextInt(pool.length())));
            }
            String text = s.toString();
            assertThat(PercentEncoding.encode(text)).as(text)
                    .isEqualTo(java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String base64 = Base64.getEncoder().encodeToString("any query | where x == 1".getBytes(StandardCharsets.UTF_8));
        assertThat(PercentEncoding.encode(PercentEncoding.encode(base64))).isEqualTo(java.net.URLEncoder.encode(
                java.net.URLEncoder.encode(base64, StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
