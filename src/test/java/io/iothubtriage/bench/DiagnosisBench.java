package io.iothubtriage.bench;

import io.iothubtriage.diagnosis.Diagnosis;
import io.iothubtriage.diagnosis.DiagnosisOptions;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.notify.MarkdownRenderer;
import io.iothubtriage.notify.TextRenderer;

import static io.iothubtriage.testing.EvidenceFixtures.*;

/**
 * Prints how long diagnosing and rendering one report takes (the site-outage scenario: 1,204 active devices,
 * 43 codes). Not a test; run with:
 * {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.iothubtriage.bench.DiagnosisBench}
 * or plain {@code java -cp target/classes:target/test-classes io.iothubtriage.bench.DiagnosisBench}.
 */
public final class DiagnosisBench {
    public static void main(String[] args) {
        Evidence e = evidence(siteNetworkOutage().build(), healthy(), typicalDrop());
        DiagnosisOptions o = DiagnosisOptions.defaults();
        TextRenderer text = new TextRenderer();
        MarkdownRenderer md = new MarkdownRenderer();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up
            sink += Diagnosis.diagnose(request(), e, o, NOW).headline().length();
        }
        int n = 50_000;
        long t0 = System.nanoTime();
        TriageReport r = null;
        for (int i = 0; i < n; i++) {
            r = Diagnosis.diagnose(request(), e, o, NOW);
            sink += r.findings().size();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += text.render(r).length();
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += md.render(r).length();
        }
        long t3 = System.nanoTime();
        System.out.printf("diagnose: %.1f µs/report%n", (t1 - t0) / 1e3 / n);
        System.out.printf("text render: %.1f µs/report (%d chars)%n", (t2 - t1) / 1e3 / n, text.render(r).length());
        System.out.printf("markdown render: %.1f µs/report (%d chars)%n", (t3 - t2) / 1e3 / n, md.render(r).length());
        System.out.println("(checksum " + sink + ")");
    }
}
