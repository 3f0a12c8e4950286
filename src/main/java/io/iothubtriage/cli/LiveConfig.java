package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.azure.LiveOptions;

import java.util.Map;

/** What live commands share: the hub from {@code --hub}, and the Azure options from the environment and flags. */
final class LiveConfig {

    private LiveConfig() {
    }

    static HubId hub(String text) throws BadInputException {
        try {
            return HubId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--hub", e.getMessage());
        }
    }

    /** The settings of the environment (AZURE_CLOUD, endpoints, timeouts...), with {@code --workspace} on top. */
    static LiveOptions options(Map<String, String> env, CommandLine cl) throws BadInputException {
        LiveOptions options = LiveOptions.fromSettings(env::get);
        if (cl.value("workspace").isEmpty()) {
            return options;
        }
        try {
            return options.withWorkspaceId(cl.value("workspace"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--workspace", e.getMessage());
        }
    }
}
