package io.iothubtriage.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.config.ReportLinkSettings;
import io.iothubtriage.infra.BicepFile.Module;
import io.iothubtriage.infra.BicepFile.Param;
import io.iothubtriage.infra.BicepFile.Resource;
import io.iothubtriage.infra.BicepValue.Arr;
import io.iothubtriage.infra.BicepValue.Obj;
import io.iothubtriage.reportstore.ReportStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What stored report links (REPORT_LINKS, docs/report-links.md) need from the deployment: the private container the
 * code writes to, one lifecycle rule that deletes those reports (and nothing else) after a retention no shorter than
 * the longest link, the opt-in settings wired from azd, and a role on the account that lets the identity both write
 * the blobs and get a user delegation key, without a broader one.
 */
final class ReportLinkInvariants {
    static final String STORAGE = "infra/app/storage.bicep";
    static final String SETTINGS = "infra/app/app-settings.bicep";
    private static final String POLICY = "Microsoft.Storage/storageAccounts/managementPolicies";
    private static final String CONTAINER = "Microsoft.Storage/storageAccounts/blobServices/containers";

    /** Built-in roles whose data actions include blobServices/generateUserDelegationKey/action on the account. */
    static final Map<String, String> DELEGATION_KEY_ROLES = Map.of(
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner",
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor",
            "db58b8e5-c6ad-4a2a-8342-4190687cbf4a", "Storage Blob Delegator");

    private final InfraProject project;
    private final List<String> violations = new ArrayList<>();

    private ReportLinkInvariants(InfraProject project) {
        this.project = project;
    }

    static List<String> check(InfraProject p) {
        ReportLinkInvariants c = new ReportLinkInvariants(p);
        c.container();
        c.lifecycleRule();
        c.settings();
        c.role();
        return c.violations;
    }

    private void container() {
        BicepFile f = project.file(STORAGE);
        List<Resource> reports = f.resourcesOfType(CONTAINER).stream()
                .filter(r -> literal(f, r.body(), "name").filter(ReportStore.CONTAINER::equals).isPresent()).toList();
        if (reports.size() != 1) {
            fail(STORAGE, 1, "expected one blob container named " + ReportStore.CONTAINER + " (the code's ReportStore.CONTAINER), found "
                    + reports.size());
            return;
        }
        Resource r = reports.get(0);
        if (r.condition().isPresent()) {
            fail(STORAGE, r.line(), ReportStore.CONTAINER + " must exist whatever REPORT_LINKS says, so turning links off keeps the rule's target");
        }
        if (!literal(f, r.body(), "properties", "publicAccess").filter("None"::equals).isPresent()) {
            fail(STORAGE, r.line(), ReportStore.CONTAINER + " must be private (publicAccess 'None'): the only way in is a link's SAS");
        }
    }

    private void lifecycleRule() {
        BicepFile f = project.file(STORAGE);
        List<Resource> policies = project.bicepFiles().values().stream().flatMap(b -> b.resourcesOfType(POLICY).stream()).toList();
        if (policies.size() != 1 || f.resourcesOfType(POLICY).size() != 1) {
            fail(STORAGE, 1, "expected exactly one storage management policy, in " + STORAGE + ", found " + policies.size());
            return;
        }
        Resource policy = policies.get(0);
        if (!literal(f, policy.body(), "name").filter("default"::equals).isPresent()) {
            fail(STORAGE, policy.line(), "the management policy must be named 'default' (one per account)");
        }
        if (policy.condition().isPresent()) {
            fail(STORAGE, policy.line(), "the lifecycle rule must be deployed whatever REPORT_LINKS says, so stored reports still age out");
        }
        List<Obj> rules = policy.body().at("properties", "policy", "rules").filter(v -> v instanceof Arr)
                .map(v -> ((Arr) v).items().stream().filter(i -> i instanceof Obj).map(i -> (Obj) i).toList()).orElse(List.of());
        if (rules.size() != 1) {
            fail(STORAGE, policy.line(), "the management policy must hold exactly one rule (deleting stored reports), found " + rules.size());
            return;
        }
        Obj rule = rules.get(0);
        if (!literal(f, rule, "enabled").filter("true"::equals).isPresent()) {
            fail(STORAGE, rule.line(), "the report retention rule must be enabled: true");
        }
        if (!literal(f, rule, "type").filter("Lifecycle"::equals).isPresent()) {
            fail(STORAGE, rule.line(), "the report retention rule must be of type 'Lifecycle'");
        }
        List<String> prefixes = strings(f, rule.at("definition", "filters", "prefixMatch"));
        String prefix = ReportStore.CONTAINER + "/";
        if (prefixes.isEmpty() || !prefixes.stream().allMatch(prefix::equals)) {
            fail(STORAGE, rule.line(), "the report retention rule must match only prefix '" + prefix + "', matches " + prefixes
                    + (prefixes.isEmpty() ? " (every blob in the account, host state and deployment package included)" : ""));
        }
        if (!strings(f, rule.at("definition", "filters", "blobTypes")).equals(List.of("blockBlob"))) {
            fail(STORAGE, rule.line(), "the report retention rule must filter blobTypes ['blockBlob'] (reports are block blobs)");
        }
        Optional<BicepValue> actions = rule.at("definition", "actions");
        Set<String> actionKeys = actions.filter(v -> v instanceof Obj).map(v -> ((Obj) v).entries().keySet()).orElse(Set.of());
        Set<String> baseKeys = actions.flatMap(v -> v.at("baseBlob")).filter(v -> v instanceof Obj)
                .map(v -> ((Obj) v).entries().keySet()).orElse(Set.of());
        if (!actionKeys.equals(Set.of("baseBlob")) || !baseKeys.equals(Set.of("delete"))) {
            fail(STORAGE, rule.line(), "the report retention rule must only delete base blobs (actions.baseBlob.delete), has "
                    + actionKeys + " / baseBlob " + baseKeys);
        }
        String days = actions.flatMap(v -> v.at("baseBlob", "delete", "daysAfterModificationGreaterThan")).map(BicepValue::render).orElse("");
        if (!days.equals("reportRetentionDays") || !f.params().containsKey("reportRetentionDays")) {
            fail(STORAGE, rule.line(), "the report retention rule must delete after the reportRetentionDays parameter, was: "
                    + (days.isEmpty() ? "nothing" : days));
            return;
        }
        retentionOutlivesEveryLink(f);
    }

    /** A link to a deleted report answers 404: the retention may never be shorter than the longest link. */
    private void retentionOutlivesEveryLink(BicepFile storage) {
        BicepFile main = project.file(InfraProject.MAIN);
        Param linkDays = main.params().get("reportLinkDays");
        OptionalInt longestLink = linkDays == null ? OptionalInt.empty() : bound(linkDays, "maxValue");
        if (longestLink.isEmpty() || longestLink.getAsInt() > ReportLinkSettings.MAX_DAYS) {
            fail(InfraProject.MAIN, linkDays == null ? 1 : linkDays.line(), "param reportLinkDays must have @maxValue at most "
                    + ReportLinkSettings.MAX_DAYS + " (the code's limit for REPORT_LINK_DAYS)");
        }
        int longest = longestLink.orElse(ReportLinkSettings.MAX_DAYS);
        OptionalInt storageMin = bound(storage.params().get("reportRetentionDays"), "minValue");
        if (storageMin.isEmpty() || storageMin.getAsInt() < longest) {
            fail(STORAGE, storage.params().get("reportRetentionDays").line(), "param reportRetentionDays must have @minValue("
                    + longest + ") or more: a report deleted before its link expires answers 404");
        }
        for (Map.Entry<BicepFile, Module> caller : project.callersOf(STORAGE)) {
            BicepValue passed = caller.getValue().params().get("reportRetentionDays");
            Param source = passed instanceof BicepValue.Expr e ? e.singleIdentifier().map(caller.getKey().params()::get).orElse(null) : null;
            OptionalInt min = source == null ? OptionalInt.empty() : bound(source, "minValue");
            if (min.isEmpty() || min.getAsInt() < longest) {
                fail(caller.getKey(), caller.getValue().line(), "module " + caller.getValue().symbol()
                        + ": reportRetentionDays must come from a parameter with @minValue(" + longest + ") or more, was: "
                        + (passed == null ? "nothing" : passed.render()));
            }
        }
    }

    /** REPORT_LINKS and REPORT_LINK_DAYS come from main's opt-in parameters (off by default), which azd maps. */
    private void settings() {
        BicepFile main = project.file(InfraProject.MAIN);
        Optional<String> defaultOff = Optional.ofNullable(main.params().get("reportLinks")).flatMap(Param::defaultValue)
                .flatMap(BicepValue::literalText);
        if (!defaultOff.filter("false"::equals).isPresent()) {
            fail(InfraProject.MAIN, 1, "param reportLinks must default to false (links are opt-in)");
        }
        JsonNode params = project.mainParameters();
        Map<String, String> mapped = Map.of("reportLinks", "${REPORT_LINKS=false}", "reportLinkDays", "${REPORT_LINK_DAYS=7}",
                "reportRetentionDays", "${REPORT_RETENTION_DAYS=30}");
        mapped.forEach((param, value) -> {
            String actual = params.path(param).path("value").asText("");
            if (!actual.equals(value)) {
                fail(InfraProject.PARAMETERS, 1, param + " must be mapped as " + value + ", is '" + actual + "'");
            }
        });
        BicepFile settings = project.file(SETTINGS);
        Map<String, String> fromMain = Map.of("reportLinks", "reportLinks", "reportLinkDays", "reportLinkDays");
        String rendered = settings.vars().values().stream().map(BicepValue::render).reduce("", String::concat);
        if (!rendered.contains("REPORT_LINKS:reportLinks?'true':'false'")) {
            fail(SETTINGS, 1, "REPORT_LINKS must always be set, from the reportLinks parameter ('true'/'false')");
        }
        if (!rendered.contains("REPORT_LINK_DAYS:string(reportLinkDays)")) {
            fail(SETTINGS, 1, "REPORT_LINK_DAYS must always be set, from the reportLinkDays parameter");
        }
        for (Map.Entry<BicepFile, Module> caller : project.callersOf(SETTINGS)) {
            fromMain.forEach((param, source) -> {
                BicepValue passed = caller.getValue().params().get(param);
                if (passed == null || !passed.render().equals(source)) {
                    fail(caller.getKey(), caller.getValue().line(), "module " + caller.getValue().symbol() + ": " + param
                            + " must be main's " + source + " parameter, was: " + (passed == null ? "nothing" : passed.render()));
                }
            });
        }
    }

    /** The identity must be able to get a user delegation key on the account (an account-level action). */
    private void role() {
        BicepFile access = project.file("infra/app/access.bicep");
        boolean covered = access.resourcesOfType("Microsoft.Authorization/roleAssignments").stream().anyMatch(r -> {
            String scope = r.body().get("scope").map(BicepValue::render).orElse("");
            boolean onAccount = access.resource(scope).filter(s -> s.type().equals("Microsoft.Storage/storageAccounts")).isPresent();
            String roleId = r.body().at("properties", "roleDefinitionId").map(BicepValue::render).orElse("");
            return onAccount && DELEGATION_KEY_ROLES.keySet().stream().anyMatch(guid ->
                    roleId.contains(guid) || access.vars().entrySet().stream()
                            .anyMatch(v -> roleId.contains(v.getKey()) && v.getValue().literalText().filter(guid::equals).isPresent()));
        });
        if (!covered) {
            fail("infra/app/access.bicep", 1, "no role on the storage account lets the identity get a user delegation key (one of "
                    + DELEGATION_KEY_ROLES.values() + "): report links could not be signed");
        }
    }

    private Optional<String> literal(BicepFile f, BicepValue body, String... path) {
        return body.at(path).flatMap(v -> project.literalOf(f, v));
    }

    private List<String> strings(BicepFile f, Optional<BicepValue> array) {
        return array.filter(v -> v instanceof Arr).map(v -> ((Arr) v).items().stream()
                .map(i -> project.literalOf(f, i).orElse(i.render())).toList()).orElse(List.of());
    }

    private static OptionalInt bound(Param param, String decorator) {
        if (param == null) {
            return OptionalInt.empty();
        }
        return param.decorators().stream().filter(d -> d.name().equals(decorator)).flatMap(d -> d.args().stream())
                .map(BicepToken::text).filter(t -> t.matches("\\d+")).mapToInt(Integer::parseInt).findFirst();
    }

    private void fail(BicepFile f, int line, String problem) {
        fail(f.path(), line, problem);
    }

    private void fail(String path, int line, String problem) {
        violations.add(path + ":" + line + ": " + problem);
    }
}
