package io.iothubtriage.functions;

import io.iothubtriage.config.Settings;

/** Builds the {@link App} that runs in Azure: real alert parser, live sources, Table storage, webhooks. */
final class LiveApp {
    private LiveApp() {
    }

    static App build(Settings settings) {
        throw new IllegalStateException("live wiring pending");
    }
}
