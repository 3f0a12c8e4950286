package io.iothubtriage.dispatch;

import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.ChatPayloads;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StoredReportTest {

    @Test
    void everyReportComesBackEqualAndRendersTheSameCards() {
        for (Map.Entry<String, TriageReport> f : ReportFixtures.all().entrySet()) {
            TriageReport original = f.getValue();
            TriageReport restored = StoredReport.report(StoredReport.json(original));
            assertThat(restored).as(f.getKey()).isEqualTo(original);
            for (Destination.Kind kind : Destination.Kind.values()) {
                assertThat(ChatPayloads.tree(Notification.of(restored), kind)).as(f.getKey() + " " + kind)
                        .isEqualTo(ChatPayloads.tree(Notification.of(original), kind));
            }
        }
    }

    @Test
    void theLargestReportFitsOneRowInCompressedParts() {
        TriageReport huge = ReportFixtures.hugeFleet();
        String json = StoredReport.json(huge);
        List<byte[]> parts = StoredReport.parts(json).orElseThrow();
        assertThat(parts).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(StoredReport.PART_BYTES));
        assertThat(StoredReport.join(parts)).isEqualTo(json);
    }

    @Test
    void aReportLargerThanOneRowIsSplitAcrossPartsOrRefused() {
        // incompressible text: random letters, so the compressed size follows the length
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3 * StoredReport.PART_BYTES) {
            sb.append((char) ('!' + rnd.nextInt(90)));
        }
        String threeParts = sb.toString();
        List<byte[]> parts = StoredReport.parts(threeParts).orElseThrow();
        assertThat(parts).hasSizeBetween(2, 4);
        assertThat(StoredReport.join(parts)).isEqualTo(threeParts);

        String tooLarge = threeParts.repeat(StoredReport.MAX_PARTS / 2);
        assertThat(StoredReport.parts(tooLarge)).isEmpty();
        assertThat(StoredReport.fits(tooLarge)).isFalse();
    }
}
