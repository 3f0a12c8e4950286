package io.iothubtriage.infra;

import io.iothubtriage.infra.BicepFile.Module;
import io.iothubtriage.infra.BicepFile.Param;
import io.iothubtriage.infra.BicepToken.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order a first `azd up` needs: provision creates the action group without a receiver (no key can exist before
 * the code runs), the postdeploy hook waits for the host, reads or creates a key of the alerts function with bounded
 * backoff and only then deploys the group with its webhook, then records that it did so, after which provisioning
 * leaves the group alone; `azd down` removes the wiring first and resets that record last.
 */
final class DeployOrder {
    private static final String MAIN = InfraProject.MAIN;

    private final InfraProject project;
    private final List<String> violations = new ArrayList<>();

    private DeployOrder(InfraProject project) {
        this.project = project;
    }

    static List<String> check(InfraProject p) {
        DeployOrder c = new DeployOrder(p);
        c.provisionNeverNeedsAKey();
        c.postdeployAttachesInOrder("infra/scripts/attach-webhook.sh", "with_backoff", "function_name=" + ExpectedNames.ALERTS_FUNCTION,
                "key_name=" + ExpectedNames.ALERTS_KEY_NAME, "@\"$parameters\"");
        c.postdeployAttachesInOrder("infra/scripts/attach-webhook.ps1", "With-Backoff", "$functionName = '" + ExpectedNames.ALERTS_FUNCTION + "'",
                "$keyName = '" + ExpectedNames.ALERTS_KEY_NAME + "'", "\"@$parameters\"");
        for (String ext : List.of(".sh", ".ps1")) {
            c.contains("infra/scripts/reset-state" + ext, "azd env set ALERTS_WEBHOOK_ATTACHED false",
                    "after `azd down` the next provision must create the group again");
            c.contains("infra/scripts/wire-hub" + ext, "azd env set IOTHUB_TRIAGE_WIRED_HUBS",
                    "must record the wired hubs, so a hub taken off the list is unwired on the next run");
            c.contains("infra/scripts/unwire-hub" + ext, "IOTHUB_TRIAGE_WIRED_HUBS",
                    "must also unwire hubs wired by an earlier run");
        }
        return c.violations;
    }

    /** No list*() call in any template, and main creates the group (without key) only until the hook owns it. */
    private void provisionNeverNeedsAKey() {
        for (BicepFile f : project.bicepFiles().values()) {
            List<BicepToken> tokens = new ArrayList<>();
            f.resources().forEach(r -> tokens.addAll(r.body().tokens()));
            f.modules().forEach(m -> tokens.addAll(m.body().tokens()));
            f.vars().values().forEach(v -> tokens.addAll(v.tokens()));
            for (int i = 0; i + 1 < tokens.size(); i++) {
                BicepToken t = tokens.get(i);
                if (t.kind() == Kind.IDENT && t.text().startsWith("list") && tokens.get(i + 1).isPunct("(")) {
                    fail(f.path(), t.line(), t.text() + "() reads keys while provisioning; before the code is deployed there"
                            + " are none (the postdeploy hook attaches the webhook)");
                }
            }
        }
        BicepFile main = project.file(MAIN);
        Optional<Module> group = main.modules().stream()
                .filter(m -> project.resolveModule(MAIN, m.path()).filter(ExpectedNames.ACTION_GROUP_MODULE::equals).isPresent())
                .findFirst();
        if (group.isEmpty()) {
            fail(MAIN, 1, "main.bicep must create the action group from " + ExpectedNames.ACTION_GROUP_MODULE
                    + " (the same file the postdeploy hook deploys)");
            return;
        }
        Module m = group.get();
        if (!m.condition().map(BicepValue::render).filter("!alertsWebhookAttached"::equals).isPresent()) {
            fail(MAIN, m.line(), "module " + m.symbol() + " must be deployed only if (!alertsWebhookAttached): a rerun must not"
                    + " replace the group and drop the receiver the postdeploy hook attached");
        }
        if (!Optional.ofNullable(m.params().get("alertsFunctionKey")).flatMap(BicepValue::literalText).filter(String::isEmpty).isPresent()) {
            fail(MAIN, m.line(), "module " + m.symbol() + " must pass alertsFunctionKey: '' (no receiver while provisioning)");
        }
        Param attached = main.params().get("alertsWebhookAttached");
        if (attached == null || !attached.defaultValue().flatMap(BicepValue::literalText).filter("false"::equals).isPresent()) {
            fail(MAIN, 1, "param alertsWebhookAttached must default to false (a new environment has no webhook yet)");
        }
        String mapped = project.mainParameters().path("alertsWebhookAttached").path("value").asText("");
        if (!mapped.equals("${ALERTS_WEBHOOK_ATTACHED=false}")) {
            fail(InfraProject.PARAMETERS, 1, "alertsWebhookAttached must be ${ALERTS_WEBHOOK_ATTACHED=false} (set by the postdeploy hook)");
        }
        for (Module alerts : main.modules()) {
            if (alerts.params().containsKey("actionGroupId")) {
                String deps = alerts.body().get("dependsOn").map(BicepValue::render).orElse("");
                if (!deps.contains(m.symbol())) {
                    fail(MAIN, alerts.line(), "module " + alerts.symbol() + " must dependsOn " + m.symbol()
                            + " (on a first provision the group must exist before an alert names it)");
                }
            }
        }
    }

    /** wait for the host, then the key (read, else create), then the group with the key, then the record. */
    private void postdeployAttachesInOrder(String script, String backoff, String function, String key, String keyFile) {
        String text = project.optionalSource(script).orElse(null);
        if (text == null) {
            fail(script, 1, "postdeploy hook missing");
            return;
        }
        String[] steps = {
            "functionapp function show",
            "functionapp function keys list",
            "functionapp function keys set",
            "deployment group create",
            "azd env set ALERTS_WEBHOOK_ATTACHED true"};
        int last = -1;
        for (String step : steps) {
            int at = text.indexOf(step);
            if (at < 0) {
                fail(script, 1, "missing step '" + step + "'");
            } else if (at < last) {
                fail(script, lineOf(text, step), "step '" + step + "' comes before the step it depends on");
            } else {
                last = at;
            }
        }
        int waits = text.split(java.util.regex.Pattern.quote(backoff + " \"the"), -1).length - 1;
        if (waits < 2) {
            fail(script, 1, "must wait for the host and for the key with " + backoff + " (bounded backoff), found " + waits);
        }
        for (String needed : List.of(function, key, keyFile, ExpectedNames.ACTION_GROUP_MODULE)) {
            if (!text.contains(needed)) {
                fail(script, 1, "must contain " + needed);
            }
        }
        if (text.matches("(?s).*functionapp keys (list|set).*")) {
            fail(script, lineOf(text, "functionapp keys"), "uses a host key (functionapp keys), which also opens /api/triage;"
                    + " use a key of the alerts function (functionapp function keys)");
        }
        if (text.contains("alertsFunctionKey=")) {
            fail(script, lineOf(text, "alertsFunctionKey="), "passes the key on the command line; use the parameters file");
        }
    }

    private void contains(String script, String needle, String why) {
        if (!project.optionalSource(script).orElse("").contains(needle)) {
            fail(script, 1, "does not contain '" + needle + "': " + why);
        }
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    private void fail(String path, int line, String problem) {
        violations.add(path + ":" + line + ": " + problem);
    }

}
