package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.azure.AccessCheck;
import io.iothubtriage.evidence.azure.LiveOptions;
import io.iothubtriage.evidence.azure.SourceCheck;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code iothub-triage doctor --hub ID}: can this identity read every live source? Prints, per source, OK or exactly
 * what is missing (a role on a scope, a diagnostic setting). Exit 0 when every check is OK, 1 otherwise.
 */
final class DoctorCommand {

    static final Set<String> VALUED = Set.of("hub", "workspace");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    DoctorCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> args) throws UsageException, BadInputException {
        CommandLine cl = CommandLine.parse(args, VALUED, Set.of(), Set.of());
        String hubText = cl.value("hub").orElseThrow(() -> new UsageException("doctor needs --hub RESOURCE_ID"));
        HubId hub = LiveConfig.hub(hubText);
        LiveOptions options = LiveConfig.options(env, cl);
        out.println("Checking access for hub " + hub.name() + " (" + hub.resourceId() + ")");
        List<SourceCheck> checks = AccessCheck.check(hub, options, env::get);
        checks.forEach(out::println);
        long failing = checks.stream().filter(c -> !c.ok()).count();
        if (failing > 0) {
            err.println("iothub-triage: " + failing + " of " + checks.size() + " checks need attention");
            return Main.FAILURE;
        }
        out.println("All sources are reachable.");
        return Main.OK;
    }
}
