package io.iothubtriage.functions.testing;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.diagnosis.SourceTiming;
import io.iothubtriage.diagnosis.TriageRun;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A triage engine that answers with a fixed verdict (changeable) and remembers every request. */
public final class StubEngine implements TriageEngine {
    private final Clock clock;
    private volatile Verdict verdict = Verdict.DEVICE_NETWORK_OR_KEEPALIVE;
    private final List<TriageRequest> requests = new CopyOnWriteArrayList<>();

    public StubEngine(Clock clock) {
        this.clock = clock;
    }

    public StubEngine verdict(Verdict v) {
        this.verdict = v;
        return this;
    }

    public List<TriageRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public TriageRun run(TriageRequest request) {
        requests.add(request);
        return new TriageRun(Reports.of(request, verdict, clock.instant()),
                List.of(new SourceTiming("connectionLogs", SourceTiming.Outcome.OK, Duration.ofMillis(812)),
                        new SourceTiming("resourceHealth", SourceTiming.Outcome.OK, Duration.ofMillis(230)),
                        new SourceTiming("metrics", SourceTiming.Outcome.TIMED_OUT, Duration.ofMillis(190))),
                Duration.ofMillis(845));
    }
}
