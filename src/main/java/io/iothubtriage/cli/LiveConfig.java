package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.evidence.azure.LiveOptions;

import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * The live options of the environment's settings (AZURE_CLOUD, endpoints, timeouts..., read by the one
     * settings reader in its CLI profile), with {@code --workspace} on top: an option overrides the environment.
     */
    static LiveOptions options(Map<String, String> env, CommandLine cl) throws BadInputException {
        LiveOptions options;
        try {
            options = Settings.from(env, Profile.CLI).liveOptions();
        } catch (SettingsException e) {
            throw badInput(e);
        }
        if (cl.value("workspace").isEmpty()) {
            return options;
        }
        try {
            return options.withWorkspaceId(cl.value("workspace"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--workspace", e.getMessage());
        }
    }

    /** One line naming the first bad setting and its problem, then every other one: nothing is left unsaid. */
    static BadInputException badInput(SettingsException e) {
        var problems = e.problems();
        String rest = problems.stream().skip(1).map(SettingsException.Problem::toString)
                .collect(Collectors.joining("; "));
        return new BadInputException(problems.get(0).setting(),
                problems.get(0).problem() + (rest.isEmpty() ? "" : "; " + rest));
    }
}
