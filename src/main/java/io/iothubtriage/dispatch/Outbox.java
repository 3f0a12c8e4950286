package io.iothubtriage.dispatch;

import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;

import java.util.List;

/** The configured destinations and the one way to post a notification to each (render for its kind, deliver). */
public interface Outbox {
    /** Each configured destination once, in the order configured. */
    List<Destination> destinations();

    /** Renders the notification for the destination's kind and posts it; never throws for delivery failures. */
    DeliveryResult post(Destination destination, Notification notification);
}
