package io.iothubtriage.dispatch;

import io.iothubtriage.notify.Notice;
import io.iothubtriage.notify.PostOutcome;
import io.iothubtriage.notify.Target;

import java.util.List;

/** The configured destinations and the one way to post a notice to each (render for its kind, deliver). */
public interface Outbox {
    List<Target> targets();

    /** Renders the notice for the target's kind and posts it; never throws for delivery failures. */
    PostOutcome post(Target target, Notice notice);
}
