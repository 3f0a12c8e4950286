package io.iothubtriage.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.infra.BicepFile.Module;
import io.iothubtriage.infra.BicepFile.Param;
import io.iothubtriage.infra.BicepFile.Resource;
import io.iothubtriage.infra.BicepToken.Kind;
import io.iothubtriage.infra.BicepValue.Arr;
import io.iothubtriage.infra.BicepValue.Expr;
import io.iothubtriage.infra.BicepValue.Obj;
import io.iothubtriage.infra.BicepValue.Str;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment's invariants, each a function from the project to a list of violations
 * ("file:line: what is wrong"). An empty list means the invariant holds.
 */
final class InfraInvariants {
    private static final String APP_FUNCTION = "infra/app/function.bicep";
    private static final String APP_STORAGE = "infra/app/storage.bicep";
    private static final Set<String> AZD_BUILTIN_ENV = Set.of("AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_SUBSCRIPTION_ID");
    private static final String HUB_ALERTS = "infra/app/hub-alerts.bicep";
    private static final String HEALTH_ALERTS = "infra/app/health-alerts.bicep";

    private final InfraProject project;
    private final List<String> violations = new ArrayList<>();

    private InfraInvariants(InfraProject project) {
        this.project = project;
    }

    static List<String> all(InfraProject p) {
        List<String> out = new ArrayList<>();
        out.addAll(modulesAreLocal(p));
        out.addAll(apiVersions(p));
        out.addAll(storage(p));
        out.addAll(ReportLinkInvariants.check(p));
        out.addAll(keyVault(p));
        out.addAll(functionApp(p));
        out.addAll(appSettings(p));
        out.addAll(roles(p));
        out.addAll(secrets(p));
        out.addAll(noLiteralSecrets(p));
        out.addAll(hubDiagnostics(p));
        out.addAll(metricAlert(p));
        out.addAll(actionGroup(p));
        out.addAll(logAlert(p));
        out.addAll(healthAlerts(p));
        out.addAll(mainStaysInItsResourceGroup(p));
        out.addAll(azd(p));
        out.addAll(DeployOrder.check(p));
        out.addAll(deploymentNames(p));
        out.addAll(manyHubs(p));
        out.addAll(traceSampling(p));
        out.addAll(docsExist(p));
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Modules and API versions
    // ------------------------------------------------------------------------------------------------------------

    static List<String> modulesAreLocal(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        for (BicepFile f : p.bicepFiles().values()) {
            for (Module m : f.modules()) {
                Optional<String> target = p.resolveModule(f.path(), m.path());
                if (target.isEmpty()) {
                    c.fail(f, m.line(), "module " + m.symbol() + " uses registry reference '" + m.path()
                            + "'; only local modules compile without registry access");
                } else if (!p.bicepFiles().containsKey(target.get())) {
                    c.fail(f, m.line(), "module " + m.symbol() + ": file " + target.get() + " does not exist");
                }
            }
        }
        return c.violations;
    }

    static List<String> apiVersions(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        for (BicepFile f : p.bicepFiles().values()) {
            for (Resource r : f.resources()) {
                Set<String> allowed = ExpectedNames.API_VERSIONS.get(r.type());
                if (allowed == null) {
                    c.fail(f, r.line(), "resource type " + r.type() + " is not in the API-version allow-list");
                } else if (!allowed.contains(r.apiVersion())) {
                    c.fail(f, r.line(), r.type() + "@" + r.apiVersion() + " is not an allowed API version " + new TreeSet<>(allowed));
                }
            }
            for (Resource r : f.resources()) {
                List<BicepToken> tokens = r.body().tokens();
                for (int i = 0; i < tokens.size(); i++) {
                    if (tokens.get(i).kind() == Kind.IDENT && tokens.get(i).text().startsWith("list")
                            && i + 1 < tokens.size() && tokens.get(i + 1).isPunct("(")) {
                        String version = lastStringArgument(tokens, i + 1);
                        if (version == null || !ExpectedNames.API_VERSIONS.get("Microsoft.Web/sites").contains(version)) {
                            c.fail(f, tokens.get(i).line(), tokens.get(i).text() + "(...) API version '" + version
                                    + "' is not an allowed Microsoft.Web/sites version");
                        }
                    }
                }
            }
        }
        return c.violations;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Storage, Key Vault, function app
    // ------------------------------------------------------------------------------------------------------------

    static List<String> storage(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> accounts = c.deployed("Microsoft.Storage/storageAccounts");
        if (accounts.size() != 1) {
            c.fail(InfraProject.MAIN, 1, "expected exactly one storage account, found " + accounts.size());
        }
        for (Map.Entry<BicepFile, Resource> a : accounts) {
            c.expectLiteral(a, "false", "properties", "allowSharedKeyAccess");
            c.expectLiteral(a, "false", "properties", "allowBlobPublicAccess");
            c.expectLiteral(a, "TLS1_2", "properties", "minimumTlsVersion");
            c.expectLiteral(a, "true", "properties", "supportsHttpsTrafficOnly");
        }
        c.expectNames("Microsoft.Storage/storageAccounts/queueServices/queues",
                Set.of(ExpectedNames.REQUEST_QUEUE, ExpectedNames.POISON_QUEUE));
        c.expectNames("Microsoft.Storage/storageAccounts/tableServices/tables", Set.of(ExpectedNames.LEDGER_TABLE));
        if (c.deployed("Microsoft.Storage/storageAccounts/blobServices/containers").isEmpty()) {
            c.fail(APP_STORAGE, 1, "no blob container for the Flex Consumption deployment package");
        }
        return c.violations;
    }

    static List<String> keyVault(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> vaults = c.deployed("Microsoft.KeyVault/vaults");
        if (vaults.size() != 1) {
            c.fail(InfraProject.MAIN, 1, "expected exactly one Key Vault, found " + vaults.size());
        }
        for (Map.Entry<BicepFile, Resource> v : vaults) {
            c.expectLiteral(v, "true", "properties", "enableRbacAuthorization");
            if (v.getValue().body().at("properties", "accessPolicies").isPresent()) {
                c.fail(v.getKey(), v.getValue().line(), "Key Vault uses access policies; RBAC mode only");
            }
        }
        for (Map.Entry<BicepFile, Resource> s : c.deployed("Microsoft.KeyVault/vaults/secrets")) {
            boolean conditional = s.getValue().condition().map(cond -> cond.render().contains("empty(")).orElse(false);
            if (!conditional) {
                c.fail(s.getKey(), s.getValue().line(), "secret " + s.getValue().symbol()
                        + " must be created only when its URL was given (if (!empty(...)))");
            }
        }
        return c.violations;
    }

    static List<String> functionApp(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> sites = c.deployed("Microsoft.Web/sites");
        if (sites.size() != 1) {
            c.fail(InfraProject.MAIN, 1, "expected exactly one function app, found " + sites.size());
            return c.violations;
        }
        Map.Entry<BicepFile, Resource> site = sites.get(0);
        c.expectLiteral(site, "functionapp,linux", "kind");
        c.expectLiteral(site, "SystemAssigned", "identity", "type");
        c.expectLiteral(site, "true", "properties", "httpsOnly");
        c.expectLiteral(site, "java", "properties", "functionAppConfig", "runtime", "name");
        c.expectLiteral(site, "17", "properties", "functionAppConfig", "runtime", "version");
        c.expectLiteral(site, "blobContainer", "properties", "functionAppConfig", "deployment", "storage", "type");
        c.expectLiteral(site, "SystemAssignedIdentity",
                "properties", "functionAppConfig", "deployment", "storage", "authentication", "type");
        for (String forbidden : List.of("linuxFxVersion", "appSettings", "ftpsState")) {
            if (site.getValue().body().at("properties", "siteConfig", forbidden).isPresent()) {
                c.fail(site.getKey(), site.getValue().line(), "siteConfig." + forbidden
                        + " must not be set on Flex Consumption (runtime comes from functionAppConfig; settings live in"
                        + " one sites/config resource; ftpsState is rejected with error 51021)");
            }
        }
        for (Map.Entry<BicepFile, Resource> policy : c.deployed("Microsoft.Web/sites/basicPublishingCredentialsPolicies")) {
            if (policy.getValue().body().get("location").isEmpty()) {
                c.fail(policy.getKey(), policy.getValue().line(), policy.getValue().symbol()
                        + ": basicPublishingCredentialsPolicies needs location (else \"The parameter location has an invalid value\")");
            }
            c.expectLiteral(policy, "false", "properties", "allow");
        }
        Optional<BicepValue> alwaysReady = site.getValue().body()
                .at("properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady");
        boolean httpReady = alwaysReady.filter(v -> v instanceof Arr).map(v -> ((Arr) v).items().stream()
                .filter(i -> i instanceof Obj).map(i -> (Obj) i)
                .anyMatch(o -> o.get("name").flatMap(n -> p.literalOf(site.getKey(), n)).filter("http"::equals).isPresent()
                        && o.get("instanceCount").flatMap(n -> p.literalOf(site.getKey(), n)).filter("1"::equals).isPresent()))
                .orElse(false);
        if (!httpReady) {
            c.fail(site.getKey(), site.getValue().line(), "alwaysReady must hold {name: 'http', instanceCount: 1} (by default)");
        }
        List<Map.Entry<BicepFile, Resource>> plans = c.deployed("Microsoft.Web/serverfarms");
        for (Map.Entry<BicepFile, Resource> plan : plans) {
            c.expectLiteral(plan, "FC1", "sku", "name");
            c.expectLiteral(plan, "FlexConsumption", "sku", "tier");
            c.expectLiteral(plan, "true", "properties", "reserved");
        }
        if (plans.size() != 1) {
            c.fail(site.getKey(), 1, "expected exactly one Flex Consumption plan, found " + plans.size());
        }
        // azd finds the app to deploy to by the azd-service-name tag.
        boolean tagged = false;
        for (Map.Entry<BicepFile, Module> caller : p.callersOf(site.getKey().path())) {
            BicepValue tags = caller.getValue().params().get("tags");
            if (tags != null) {
                for (Obj o : tags.objectsWithin()) {
                    tagged |= o.get("azd-service-name").flatMap(v -> p.literalOf(caller.getKey(), v))
                            .filter(ExpectedNames.AZD_SERVICE::equals).isPresent();
                }
            }
        }
        if (!tagged) {
            c.fail(site.getKey(), site.getValue().line(), "function app must be tagged azd-service-name: '"
                    + ExpectedNames.AZD_SERVICE + "' by its caller");
        }
        return c.violations;
    }

    // ------------------------------------------------------------------------------------------------------------
    // App settings
    // ------------------------------------------------------------------------------------------------------------

    /** One app setting as declared: its value, and whether it sits in a conditionally-added object. */
    record Setting(String name, BicepValue value, boolean conditional, int line) {}

    /** Every app setting entry, in declaration order; a name may occur more than once (which is a violation). */
    static List<Setting> settingsOf(BicepFile f, Resource config) {
        List<Setting> out = new ArrayList<>();
        config.body().at("properties").ifPresent(v -> collectSettings(f, v, false, out, new HashSet<>()));
        return out;
    }

    private static void collectSettings(BicepFile f, BicepValue v, boolean conditional, List<Setting> out,
                                        Set<String> seenVars) {
        if (v instanceof Obj o) {
            o.entries().forEach((k, val) -> out.add(new Setting(k, val, conditional, val.line())));
        } else if (v instanceof Expr e) {
            for (Object atom : e.atoms()) {
                if (atom instanceof Obj o) {
                    collectSettings(f, o, true, out, seenVars);
                } else if (atom instanceof BicepToken t && t.kind() == Kind.IDENT && f.vars().containsKey(t.text())
                        && seenVars.add(t.text())) {
                    collectSettings(f, f.vars().get(t.text()), conditional, out, seenVars);
                }
            }
        }
    }

    static List<String> appSettings(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> configs = c.deployed("Microsoft.Web/sites/config").stream()
                .filter(e -> e.getValue().body().get("name").flatMap(BicepValue::literalText).filter("appsettings"::equals).isPresent())
                .toList();
        if (configs.size() != 1) {
            c.fail(InfraProject.MAIN, 1, "expected exactly one sites/config 'appsettings' resource, found " + configs.size());
            return c.violations;
        }
        BicepFile f = configs.get(0).getKey();
        Resource config = configs.get(0).getValue();
        List<Setting> declared = settingsOf(f, config);
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Setting s : declared) {
            if (settings.putIfAbsent(s.name(), s) != null) {
                c.fail(f, s.line(), "setting " + s.name() + " is set in more than one place");
            }
        }

        for (String name : ExpectedNames.CODE_SETTINGS) {
            boolean set = settings.containsKey(name);
            boolean leftOut = ExpectedNames.LEFT_TO_CODE_DEFAULT.containsKey(name);
            if (!set && !leftOut) {
                c.fail(f, config.line(), "setting " + name + " is read by the code but neither set nor listed as left to its default");
            }
            if (set && leftOut) {
                c.fail(f, settings.get(name).line(), "setting " + name + " is set although listed as left to its default");
            }
        }
        for (Setting s : settings.values()) {
            if (ExpectedNames.FORBIDDEN_SETTINGS.contains(s.name())) {
                c.fail(f, s.line(), "setting " + s.name() + " must not be set");
            } else if (!ExpectedNames.CODE_SETTINGS.contains(s.name()) && !ExpectedNames.HOST_SETTINGS.contains(s.name())) {
                c.fail(f, s.line(), "setting " + s.name() + " is neither read by the code nor a known host setting (typo?)");
            }
        }
        Setting credential = settings.get("AzureWebJobsStorage__credential");
        if (credential == null || !credential.value().literalText().filter("managedidentity"::equals).isPresent()) {
            c.fail(f, config.line(), "AzureWebJobsStorage__credential must be 'managedidentity' (identity-based host storage)");
        }
        ExpectedNames.STORAGE_URI_SETTINGS.forEach((name, from) -> {
            if (!settings.containsKey(name)) {
                c.fail(f, config.line(), name + " is missing: identity-based storage takes the account's own endpoints"
                        + " (right in every cloud)");
            }
            c.expectSettingFrom(f, settings, name, from);
        });
        for (Setting s : declared) {
            String secret = s.name();
            if (!ExpectedNames.SECRET_SETTINGS.contains(secret)) {
                continue;
            }
            String text = s.value() instanceof Str str ? str.token().stringText() : "";
            if (!(text.startsWith("@Microsoft.KeyVault(SecretUri=") && text.endsWith("/)"))) {
                c.fail(f, s.line(), secret + " must be a versionless Key Vault reference @Microsoft.KeyVault(SecretUri=.../secrets/<name>/), was: "
                        + s.value().render());
            }
            if (!s.conditional()) {
                c.fail(f, s.line(), secret + " must only be added when its secret exists (conditional object)");
            }
        }
        c.expectSettingFrom(f, settings, "LOG_ANALYTICS_WORKSPACE_ID", "customerId");
        c.expectSettingFrom(f, settings, "TRIAGE_HUBS", "hubIds");
        // Resource-context queries by default: blank unless the deployment is in workspace mode.
        c.expectSettingFrom(f, settings, "LOG_ANALYTICS_WORKSPACE_ID", "!queriesTheWorkspace?'':");
        Setting cloud = settings.get("AZURE_CLOUD");
        if (cloud != null && !cloud.value().render().equals("environment().name")) {
            c.fail(f, cloud.line(), "AZURE_CLOUD must be environment().name (AzureCloud, AzureChinaCloud, AzureUSGovernment)");
        }
        return c.violations;
    }

    /** The setting's value must be a param of its module that every caller fills with an expression containing {@code needle}. */
    private void expectSettingFrom(BicepFile f, Map<String, Setting> settings, String name, String needle) {
        Setting s = settings.get(name);
        if (s == null) {
            return;
        }
        Optional<String> param = s.value() instanceof Expr e ? e.singleIdentifier().filter(f.params()::containsKey) : Optional.empty();
        if (param.isEmpty()) {
            fail(f, s.line(), name + " must come from a module parameter");
            return;
        }
        List<Map.Entry<BicepFile, Module>> callers = project.callersOf(f.path());
        if (callers.isEmpty()) {
            fail(f, s.line(), name + ": " + f.path() + " is never used as a module");
        }
        for (Map.Entry<BicepFile, Module> caller : callers) {
            BicepValue passed = caller.getValue().params().get(param.get());
            if (passed == null || !passed.render().contains(needle)) {
                fail(caller.getKey(), caller.getValue().line(), name + " must be filled from " + needle + ", got "
                        + (passed == null ? "nothing" : passed.render()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Roles
    // ------------------------------------------------------------------------------------------------------------

    static List<String> roles(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        Map<String, ExpectedNames.Role> byGuid = new LinkedHashMap<>();
        ExpectedNames.ROLES.forEach(r -> byGuid.put(r.guid(), r));
        Set<String> assigned = new LinkedHashSet<>();
        for (Map.Entry<BicepFile, Resource> e : c.deployed("Microsoft.Authorization/roleAssignments")) {
            BicepFile f = e.getKey();
            Resource r = e.getValue();
            Optional<String> scopeSymbol = r.body().get("scope").filter(v -> v instanceof Expr)
                    .flatMap(v -> ((Expr) v).singleIdentifier());
            Optional<Resource> scope = scopeSymbol.flatMap(f::resource);
            if (scope.isEmpty()) {
                c.fail(f, r.line(), r.symbol() + ": scope must name a resource declared in this file (never the whole resource group)");
                continue;
            }
            Optional<String> guid = roleGuid(p, f, r.body().at("properties", "roleDefinitionId").orElse(null));
            if (guid.isEmpty()) {
                c.fail(f, r.line(), r.symbol() + ": roleDefinitionId must be subscriptionResourceId('Microsoft.Authorization/roleDefinitions', <literal GUID>)");
                continue;
            }
            ExpectedNames.Role role = byGuid.get(guid.get());
            if (role == null) {
                c.fail(f, r.line(), r.symbol() + ": role " + guid.get() + " is not one of the intended least-privilege roles");
                continue;
            }
            if (!role.scopeType().equalsIgnoreCase(scope.get().type())) {
                c.fail(f, r.line(), r.symbol() + ": " + role.name() + " must be assigned on " + role.scopeType()
                        + ", not on " + scope.get().type());
            }
            if (!assigned.add(guid.get())) {
                c.fail(f, r.line(), r.symbol() + ": " + role.name() + " assigned more than once");
            }
            c.expectLiteral(e, "ServicePrincipal", "properties", "principalType");
            boolean fromParam = r.body().at("properties", "principalId").filter(v -> v instanceof Expr)
                    .flatMap(v -> ((Expr) v).singleIdentifier()).filter("principalId"::equals)
                    .filter(f.params()::containsKey).isPresent();
            if (!fromParam) {
                c.fail(f, r.line(), r.symbol() + ": principalId must be the module's principalId parameter");
            }
            String name = r.body().get("name").map(BicepValue::render).orElse("");
            if (!(name.startsWith("guid(") && name.contains(scope.get().symbol() + ".id") && name.contains("principalId"))) {
                c.fail(f, r.line(), r.symbol() + ": name must be guid(<scope>.id, principalId, <role>) so it is stable and unique");
            }
        }
        for (ExpectedNames.Role role : ExpectedNames.ROLES) {
            if (!assigned.contains(role.guid())) {
                c.fail(InfraProject.MAIN, 1, "role " + role.name() + " (" + role.guid() + ") is never assigned");
            }
        }
        c.principalIsTheFunctionIdentity();
        c.workspaceRoleOnlyAsFallback();
        return c.violations;
    }

    /** Log Analytics Reader reads every table of a shared workspace: only in workspace mode, never by default. */
    private void workspaceRoleOnlyAsFallback() {
        BicepFile wiring = project.file(InfraProject.WIRING);
        for (Module m : wiring.modules()) {
            if (project.resolveModule(wiring.path(), m.path()).filter("infra/wiring/workspace.bicep"::equals).isEmpty()) {
                continue;
            }
            String condition = m.condition().map(BicepValue::render).orElse("");
            if (!condition.equals("logQueryScope=='workspace'")) {
                fail(wiring, m.line(), "module " + m.symbol() + " (Log Analytics Reader on the workspace) must be deployed only"
                        + " if (logQueryScope == 'workspace'), was: " + (condition.isEmpty() ? "always" : condition));
            }
        }
        Optional<BicepValue> scopeDefault = Optional.ofNullable(project.file(InfraProject.MAIN).params().get("logQueryScope"))
                .flatMap(Param::defaultValue);
        if (!scopeDefault.flatMap(BicepValue::literalText).filter("resource"::equals).isPresent()) {
            fail(InfraProject.MAIN, 1, "logQueryScope must default to 'resource' (Reader on the hub suffices)");
        }
    }

    /** Every principalId handed to a module is the function app's system-assigned identity. */
    private void principalIsTheFunctionIdentity() {
        Optional<String> functionModule = project.file(InfraProject.MAIN).modules().stream()
                .filter(m -> project.resolveModule(InfraProject.MAIN, m.path()).filter(APP_FUNCTION::equals).isPresent())
                .map(Module::symbol).findFirst();
        if (functionModule.isEmpty()) {
            fail(InfraProject.MAIN, 1, "main.bicep does not deploy " + APP_FUNCTION);
            return;
        }
        String fromFunction = functionModule.get() + ".outputs.principalId";
        for (BicepFile f : project.bicepFiles().values()) {
            for (Module m : f.modules()) {
                BicepValue passed = m.params().get("principalId");
                if (passed == null) {
                    continue;
                }
                String text = passed.render();
                boolean ok = f.path().equals(InfraProject.MAIN) ? text.equals(fromFunction)
                        : text.equals("principalId") && f.path().equals(InfraProject.WIRING);
                if (!ok) {
                    fail(f, m.line(), "module " + m.symbol() + " gets principalId " + text + "; expected " + fromFunction
                            + " (main) or the wiring deployment's principalId parameter");
                }
            }
        }
        BicepFile.Output out = project.file(InfraProject.MAIN).outputs().get("FUNCTION_PRINCIPAL_ID");
        if (out == null || !out.value().render().equals(fromFunction)) {
            fail(InfraProject.MAIN, 1, "output FUNCTION_PRINCIPAL_ID must be " + fromFunction + " (the wiring hook reads it)");
        }
        BicepFile fn = project.file(APP_FUNCTION);
        BicepFile.Output principal = fn.outputs().get("principalId");
        if (principal == null || !principal.value().render().endsWith(".identity.principalId")) {
            fail(fn, 1, "output principalId must be the site's identity.principalId");
        }
    }

    private static Optional<String> roleGuid(InfraProject p, BicepFile f, BicepValue v) {
        if (!(v instanceof Expr e)) {
            return Optional.empty();
        }
        List<BicepToken> t = e.tokens();
        if (t.size() != 6 || !t.get(0).isIdent("subscriptionResourceId") || !t.get(1).isPunct("(")
                || !"Microsoft.Authorization/roleDefinitions".equals(t.get(2).text()) || !t.get(3).isPunct(",")
                || !t.get(5).isPunct(")")) {
            return Optional.empty();
        }
        BicepToken arg = t.get(4);
        BicepValue argValue = arg.kind() == Kind.STRING ? new Str(arg) : new Expr(List.of(arg), arg.line());
        return p.literalOf(f, argValue).filter(g -> g.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Secrets
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Where a @secure() value (or a var computed from one) may go: only into a Key Vault secret's value, into a
     * module parameter that is itself @secure(), or into empty(...) tests. Never an output, an app setting or any
     * other resource property. Secure parameters have no default other than ''.
     */
    static List<String> secrets(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        for (BicepFile f : p.bicepFiles().values()) {
            Set<String> tainted = tainted(f);
            for (Param param : f.params().values()) {
                if (param.isSecure() && param.defaultValue().isPresent()
                        && !param.defaultValue().get().literalText().filter(String::isEmpty).isPresent()) {
                    c.fail(f, param.line(), "@secure() param " + param.name() + " has a non-empty default");
                }
            }
            for (BicepFile.Output o : f.outputs().values()) {
                if (leaks(o.value(), tainted)) {
                    c.fail(f, o.line(), "output " + o.name() + " exposes a @secure() value");
                }
                for (BicepToken t : o.value().tokens()) {
                    if (t.kind() == Kind.IDENT && t.text().startsWith("list")) {
                        c.fail(f, o.line(), "output " + o.name() + " calls " + t.text() + "(): keys must never be outputs");
                    }
                }
            }
            for (Resource r : f.resources()) {
                r.condition().filter(cond -> leaks(cond, tainted))
                        .ifPresent(cond -> c.fail(f, r.line(), r.symbol() + ": condition uses a @secure() value beyond empty()"));
                boolean isSecret = r.type().equalsIgnoreCase("Microsoft.KeyVault/vaults/secrets");
                for (Map.Entry<String, BicepValue> entry : r.body().entries().entrySet()) {
                    BicepValue value = entry.getValue();
                    if (isSecret && entry.getKey().equals("properties") && value instanceof Obj props) {
                        for (Map.Entry<String, BicepValue> pe : props.entries().entrySet()) {
                            if (!pe.getKey().equals("value") && leaks(pe.getValue(), tainted)) {
                                c.fail(f, pe.getValue().line(), r.symbol() + ".properties." + pe.getKey() + " holds a @secure() value");
                            }
                        }
                    } else if (r.type().equalsIgnoreCase("Microsoft.Insights/actionGroups") && entry.getKey().equals("properties")
                            && value instanceof Obj props) {
                        // The one place a key must go: the webhook URL (a plain webhook authenticates only by its URL).
                        for (Map.Entry<String, BicepValue> pe : props.entries().entrySet()) {
                            boolean leaked = pe.getKey().equals("webhookReceivers") ? leaksBeyondWebhookKey(pe.getValue(), tainted)
                                    : leaks(pe.getValue(), tainted);
                            if (leaked) {
                                c.fail(f, pe.getValue().line(), r.symbol() + ".properties." + pe.getKey()
                                        + " holds a @secure() value (only serviceUri's ?code=${uriComponent(key)} may)");
                            }
                        }
                    } else if (leaks(value, tainted)) {
                        c.fail(f, value.line(), r.symbol() + "." + entry.getKey() + " holds a @secure() value"
                                + (r.type().equalsIgnoreCase("Microsoft.Web/sites/config") ? " as a plain app setting" : ""));
                    }
                }
            }
            for (Module m : f.modules()) {
                Optional<String> target = p.resolveModule(f.path(), m.path()).filter(p.bicepFiles()::containsKey);
                for (Map.Entry<String, BicepValue> arg : m.params().entrySet()) {
                    if (!leaks(arg.getValue(), tainted)) {
                        continue;
                    }
                    Param targetParam = target.map(t -> p.file(t).params().get(arg.getKey())).orElse(null);
                    if (targetParam == null || !targetParam.isSecure()) {
                        c.fail(f, arg.getValue().line(), "module " + m.symbol() + ": @secure() value passed to non-secure parameter "
                                + arg.getKey());
                    }
                }
                m.condition().filter(cond -> leaks(cond, tainted))
                        .ifPresent(cond -> c.fail(f, m.line(), m.symbol() + ": condition uses a @secure() value beyond empty()"));
            }
        }
        return c.violations;
    }

    /** Secure params plus every var whose value uses one (outside empty()). */
    static Set<String> tainted(BicepFile f) {
        Set<String> tainted = new LinkedHashSet<>();
        f.params().values().stream().filter(Param::isSecure).forEach(prm -> tainted.add(prm.name()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, BicepValue> v : f.vars().entrySet()) {
                if (!tainted.contains(v.getKey()) && leaks(v.getValue(), tainted)) {
                    tainted.add(v.getKey());
                    grew = true;
                }
            }
        }
        return tainted;
    }

    /** True when the value uses a tainted identifier other than as the sole argument of empty(...). */
    static boolean leaks(BicepValue value, Set<String> tainted) {
        List<BicepToken> t = value.tokens();
        for (int i = 0; i < t.size(); i++) {
            BicepToken tok = t.get(i);
            if (tok.kind() != Kind.IDENT || !tainted.contains(tok.text()) || i > 0 && t.get(i - 1).isPunct(".")) {
                continue;
            }
            boolean insideEmpty = i >= 2 && t.get(i - 1).isPunct("(") && t.get(i - 2).isIdent("empty")
                    && i + 1 < t.size() && t.get(i + 1).isPunct(")");
            if (!insideEmpty) {
                return true;
            }
        }
        return false;
    }

    /** A secure value in webhook receivers only as serviceUri's {@code ?code=${uriComponent(<key>)}}, or in empty(). */
    private static boolean leaksBeyondWebhookKey(BicepValue value, Set<String> tainted) {
        List<Object> top = value instanceof Expr e ? e.atoms().stream().filter(a -> a instanceof BicepToken).toList() : List.of();
        if (!top.isEmpty() && leaks(new Expr(top, value.line()), tainted)) {
            return true;
        }
        for (Obj o : value.objectsWithin()) {
            for (Map.Entry<String, BicepValue> entry : o.entries().entrySet()) {
                BicepValue v = entry.getValue();
                if (v instanceof Obj || v instanceof Arr) {
                    continue;
                }
                boolean ok = entry.getKey().equals("serviceUri") && v instanceof Str s ? keyOnlyAfterCode(s, tainted) : !leaks(v, tainted);
                if (!ok) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean keyOnlyAfterCode(Str s, Set<String> tainted) {
        List<BicepToken.StringPart> parts = s.token().parts();
        for (int i = 0; i < parts.size(); i++) {
            List<BicepToken> hole = parts.get(i).hole();
            if (hole == null || hole.stream().noneMatch(t -> t.kind() == Kind.IDENT && tainted.contains(t.text()))) {
                continue;
            }
            boolean wrapped = hole.size() == 4 && hole.get(0).isIdent("uriComponent") && hole.get(1).isPunct("(")
                    && hole.get(3).isPunct(")");
            boolean afterCode = i > 0 && !parts.get(i - 1).isHole() && parts.get(i - 1).literal().endsWith("?code=");
            if (!wrapped || !afterCode) {
                return false;
            }
        }
        return true;
    }

    /** No webhook URL, SAS signature or function key is written into the repository's deployment files. */
    static List<String> noLiteralSecrets(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        for (BicepFile f : p.bicepFiles().values()) {
            List<BicepToken> strings = new ArrayList<>();
            f.params().values().forEach(prm -> prm.defaultValue().ifPresent(v -> strings.addAll(v.tokens())));
            f.vars().values().forEach(v -> strings.addAll(v.tokens()));
            f.resources().forEach(r -> strings.addAll(r.body().tokens()));
            f.modules().forEach(m -> strings.addAll(m.body().tokens()));
            f.outputs().values().forEach(o -> strings.addAll(o.value().tokens()));
            for (BicepToken s : strings) {
                if (s.kind() != Kind.STRING) {
                    continue;
                }
                List<BicepToken.StringPart> parts = s.parts();
                for (int i = 0; i < parts.size(); i++) {
                    if (parts.get(i).isHole()) {
                        continue;
                    }
                    String lit = parts.get(i).literal();
                    boolean holeFollows = i + 1 < parts.size() && parts.get(i + 1).isHole();
                    for (String marker : ExpectedNames.SECRET_MARKERS) {
                        int at = lit.indexOf(marker);
                        // '?code=' directly followed by an interpolated key (never a literal one) is the action group URI.
                        boolean keyFromExpression = at >= 0 && at + marker.length() == lit.length() && holeFollows
                                && marker.endsWith("code=");
                        if (at >= 0 && !keyFromExpression) {
                            c.fail(f, s.line(), "string contains '" + marker + "': a literal secret or key");
                        }
                    }
                }
            }
        }
        for (String path : List.of(InfraProject.PARAMETERS, InfraProject.AZURE_YAML)) {
            String text = p.optionalSource(path).orElse("");
            for (String marker : ExpectedNames.SECRET_MARKERS) {
                if (text.contains(marker)) {
                    c.fail(path, lineOf(text, marker), "contains '" + marker + "': a literal secret or key");
                }
            }
        }
        return c.violations;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Hub diagnostic setting and alerts
    // ------------------------------------------------------------------------------------------------------------

    static List<String> hubDiagnostics(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> settings = c.deployed("Microsoft.Insights/diagnosticSettings");
        if (settings.isEmpty()) {
            c.fail(InfraProject.WIRING, 1, "no diagnostic setting sends the hub's Connections logs to the workspace");
        }
        for (Map.Entry<BicepFile, Resource> e : settings) {
            BicepFile f = e.getKey();
            Resource r = e.getValue();
            String scopeType = r.body().get("scope").filter(v -> v instanceof Expr).flatMap(v -> ((Expr) v).singleIdentifier())
                    .flatMap(f::resource).map(Resource::type).orElse("");
            if (!scopeType.equalsIgnoreCase("Microsoft.Devices/IotHubs")) {
                c.fail(f, r.line(), r.symbol() + ": scope must be the IoT hub");
            }
            if (r.body().at("properties", "workspaceId").isEmpty()) {
                c.fail(f, r.line(), r.symbol() + ": properties.workspaceId missing");
            }
            c.diagnosticSettingNamedPerEnvironment(f, r);
            boolean connections = r.body().at("properties", "logs").filter(v -> v instanceof Arr)
                    .map(v -> ((Arr) v).items().stream().anyMatch(i ->
                            i.at("category").flatMap(BicepValue::literalText).filter("Connections"::equals).isPresent()
                                    && i.at("enabled").flatMap(BicepValue::literalText).filter("true"::equals).isPresent()))
                    .orElse(false);
            if (!connections) {
                c.fail(f, r.line(), r.symbol() + ": logs must include {category: 'Connections', enabled: true}");
            }
        }
        return c.violations;
    }

    /**
     * Two environments on one hub must not share (and on `azd down` delete) one setting: the name comes from the
     * main deployment's output DIAGNOSTIC_SETTING_NAME, which holds the environment name; no fixed default.
     */
    private void diagnosticSettingNamedPerEnvironment(BicepFile f, Resource r) {
        BicepValue name = r.body().get("name").orElse(null);
        Optional<String> param = name instanceof Expr e ? e.singleIdentifier().filter(f.params()::containsKey) : Optional.empty();
        if (param.isEmpty()) {
            fail(f, r.line(), r.symbol() + ": name must be a parameter (one setting per environment)");
            return;
        }
        Param wiringParam = project.file(InfraProject.WIRING).params().get(param.get());
        if (wiringParam == null || wiringParam.defaultValue().isPresent()) {
            fail(InfraProject.WIRING, 1, "parameter " + param.get() + " must exist without a default (the hook passes the"
                    + " per-environment name)");
        }
        BicepFile main = project.file(InfraProject.MAIN);
        BicepFile.Output out = main.outputs().get("DIAGNOSTIC_SETTING_NAME");
        String value = out == null ? "" : out.value().render();
        String resolved = main.vars().containsKey(value) ? main.vars().get(value).render() : value;
        if (!resolved.contains("environmentName")) {
            fail(main, out == null ? 1 : out.line(), "output DIAGNOSTIC_SETTING_NAME must hold the environment name, was: "
                    + (resolved.isEmpty() ? "(missing)" : resolved));
        }
    }

    static List<String> metricAlert(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> alerts = c.deployed("Microsoft.Insights/metricAlerts");
        if (alerts.size() != 1) {
            c.fail(InfraProject.MAIN, 1, "expected exactly one metric alert, found " + alerts.size());
            return c.violations;
        }
        Map.Entry<BicepFile, Resource> e = alerts.get(0);
        BicepFile f = e.getKey();
        Resource r = e.getValue();
        c.expectLiteral(e, "global", "location");
        c.expectLiteral(e, "true", "properties", "autoMitigate");
        c.expectLiteral(e, "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", "properties", "criteria", "odata.type");
        c.expectScopesAreTheHub(f, r);
        Optional<Obj> criterion = r.body().at("properties", "criteria", "allOf").filter(v -> v instanceof Arr)
                .flatMap(v -> ((Arr) v).items().stream().filter(i -> i instanceof Obj).map(i -> (Obj) i).findFirst());
        if (criterion.isEmpty()) {
            c.fail(f, r.line(), "metric alert has no criterion");
            return c.violations;
        }
        Obj crit = criterion.get();
        c.expect(f, crit, "connectedDeviceCount", "metricName");
        c.expect(f, crit, "Microsoft.Devices/IotHubs", "metricNamespace");
        c.expect(f, crit, "StaticThresholdCriterion", "criterionType");
        c.expect(f, crit, "LessThan", "operator");
        c.expectParam(f, crit.get("threshold").orElse(null), "threshold", r.line());
        c.expectParam(f, crit.get("timeAggregation").orElse(null), "timeAggregation", r.line());
        c.expectParam(f, r.body().at("properties", "windowSize").orElse(null), "windowSize", r.line());
        c.expectParam(f, r.body().at("properties", "evaluationFrequency").orElse(null), "evaluationFrequency", r.line());
        c.expectParam(f, r.body().at("properties", "severity").orElse(null), "severity", r.line());
        c.expectActionGroupParam(f, r, "metric alert");
        c.everyWindowFrequencyPairIsValid();
        return c.violations;
    }

    /** Azure rejects an evaluation frequency longer than the window: no allowed pair of parameter values may be one. */
    private void everyWindowFrequencyPairIsValid() {
        BicepFile main = project.file(InfraProject.MAIN);
        List<String> windows = allowed(main.params().get("connectedDevicesWindow"));
        List<String> frequencies = allowed(main.params().get("connectedDevicesEvaluationFrequency"));
        if (windows.isEmpty() || frequencies.isEmpty()) {
            fail(main, 1, "connectedDevicesWindow and connectedDevicesEvaluationFrequency need @allowed lists");
        }
        for (String window : windows) {
            for (String frequency : frequencies) {
                if (minutes(frequency) > minutes(window)) {
                    fail(main, main.params().get("connectedDevicesEvaluationFrequency").line(), "window " + window
                            + " with frequency " + frequency + " is allowed by the parameters but rejected by Azure");
                }
            }
        }
    }

    private static List<String> allowed(Param param) {
        if (param == null) {
            return List.of();
        }
        return param.decorators().stream().filter(d -> d.name().equals("allowed"))
                .flatMap(d -> d.args().stream()).filter(t -> t.kind() == Kind.STRING).map(BicepToken::stringText).toList();
    }

    /** The alert's actions name the module's actionGroupId parameter, which main fills with the triage group's id. */
    private void expectActionGroupParam(BicepFile f, Resource r, String what) {
        String actions = r.body().at("properties", "actions").map(BicepValue::render).orElse("");
        if (!actions.contains("actionGroupId") || !f.params().containsKey("actionGroupId")) {
            fail(f, r.line(), what + " actions must reference the actionGroupId parameter, was: " + actions);
            return;
        }
        BicepFile main = project.file(InfraProject.MAIN);
        Optional<Module> group = main.modules().stream()
                .filter(m -> project.resolveModule(main.path(), m.path()).filter(ExpectedNames.ACTION_GROUP_MODULE::equals).isPresent())
                .findFirst();
        String groupName = group.map(m -> m.params().get("actionGroupName")).map(BicepValue::render).orElse("(none)");
        for (Map.Entry<BicepFile, Module> caller : project.callersOf(f.path())) {
            String passed = Optional.ofNullable(caller.getValue().params().get("actionGroupId")).map(BicepValue::render).orElse("");
            if (!passed.endsWith("/providers/Microsoft.Insights/actionGroups/${" + groupName + "}'")) {
                fail(caller.getKey(), caller.getValue().line(), "module " + caller.getValue().symbol()
                        + ": actionGroupId must be the id of the triage action group (" + groupName + "), was: " + passed);
            }
        }
    }

    /**
     * Two action groups: the triage group (infra/app/action-group.bicep) whose only receiver is the webhook to
     * POST /api/alerts with a key of the alerts function, and the watch group (e-mail, optional SMS) for the app's
     * own health alerts, which never goes through the app.
     */
    static List<String> actionGroup(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> groups = c.deployed("Microsoft.Insights/actionGroups");
        if (groups.size() != 2) {
            c.fail(InfraProject.MAIN, 1, "expected two action groups (triage webhook, watch e-mail), found " + groups.size());
        }
        boolean triage = false;
        boolean watch = false;
        for (Map.Entry<BicepFile, Resource> e : groups) {
            BicepFile f = e.getKey();
            Resource r = e.getValue();
            c.expectLiteral(e, "global", "location");
            Optional<String> shortName = r.body().at("properties", "groupShortName").flatMap(BicepValue::literalText);
            if (shortName.isEmpty() || shortName.get().length() > 12) {
                c.fail(f, r.line(), "groupShortName must be a literal of at most 12 characters");
            }
            Optional<BicepValue> webhooks = r.body().at("properties", "webhookReceivers");
            Optional<BicepValue> emails = r.body().at("properties", "emailReceivers");
            if (f.path().equals(ExpectedNames.ACTION_GROUP_MODULE)) {
                triage = true;
                c.triageWebhook(f, r, webhooks);
                if (emails.isPresent()) {
                    c.fail(f, r.line(), "the triage group calls the app only; people are told through the watch group");
                }
            } else {
                watch = true;
                List<Obj> receivers = emails.map(BicepValue::objectsWithin).orElse(List.of());
                if (receivers.isEmpty() || receivers.stream().noneMatch(o -> o.get("emailAddress").isPresent())) {
                    c.fail(f, r.line(), r.symbol() + ": the watch group needs an e-mail receiver");
                }
                if (webhooks.isPresent()) {
                    c.fail(f, r.line(), r.symbol() + ": the watch group must not call the app it watches");
                }
            }
        }
        if (!triage) {
            c.fail(ExpectedNames.ACTION_GROUP_MODULE, 1, "no triage action group in " + ExpectedNames.ACTION_GROUP_MODULE);
        }
        if (!watch) {
            c.fail(HEALTH_ALERTS, 1, "no watch action group for the app's own health alerts");
        }
        return c.violations;
    }

    /** The webhook receiver: only when a key was given, POST /api/alerts with that key (URL-encoded), common schema. */
    private void triageWebhook(BicepFile f, Resource r, Optional<BicepValue> webhooks) {
        Optional<Param> key = f.params().values().stream().filter(Param::isSecure).findFirst();
        if (key.isEmpty()) {
            fail(f, r.line(), "the alerts function key must be a @secure() parameter of " + f.path());
            return;
        }
        String keyName = key.get().name();
        String text = webhooks.map(BicepValue::render).orElse("");
        if (!text.startsWith("empty(" + keyName + ")?[]:[")) {
            fail(f, r.line(), "webhookReceivers must be empty(" + keyName + ") ? [] : [...]: no receiver before the code"
                    + " and its key exist, was: " + text);
        }
        List<Obj> receivers = webhooks.map(BicepValue::objectsWithin).orElse(List.of());
        if (receivers.size() != 1) {
            fail(f, r.line(), "action group must have exactly one webhook receiver, has " + receivers.size());
        }
        for (Obj receiver : receivers) {
            if (!receiver.get("useCommonAlertSchema").flatMap(BicepValue::literalText).filter("true"::equals).isPresent()) {
                fail(f, receiver.line(), "webhook receiver must set useCommonAlertSchema: true");
            }
            String uri = receiver.get("serviceUri").filter(v -> v instanceof Str).map(v -> ((Str) v).token().stringText()).orElse("");
            String expected = "https://${site.properties.defaultHostName}/api/" + ExpectedNames.ALERTS_FUNCTION
                    + "?code=${uriComponent(" + keyName + ")}";
            if (!uri.equals(expected)) {
                fail(f, receiver.line(), "serviceUri must be " + expected + " (a key of the alerts function only), was: " + uri);
            }
        }
    }

    /** The optional per-hub log alert on Connections errors. */
    static List<String> logAlert(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        for (Map.Entry<BicepFile, Resource> e : c.deployed("Microsoft.Insights/scheduledQueryRules")) {
            BicepFile f = e.getKey();
            Resource r = e.getValue();
            c.expectLiteral(e, "true", "properties", "autoMitigate");
            // Tables that may not exist yet (AzureDiagnostics before the first rows, App* on a fresh workspace)
            // must never fail a deployment.
            c.expectLiteral(e, "true", "properties", "skipQueryValidation");
            if (f.path().equals(HEALTH_ALERTS)) {
                continue;
            }
            c.expectScopesAreTheHub(f, r);
            String query = r.body().at("properties", "criteria", "allOf").filter(v -> v instanceof Arr)
                    .flatMap(v -> ((Arr) v).items().stream().findFirst())
                    .flatMap(i -> i.at("query")).flatMap(BicepValue::literalText).orElse("");
            if (!query.contains("Category == \"Connections\"")) {
                c.fail(f, r.line(), "log alert query must filter Category == \"Connections\"");
            }
            c.expectActionGroupParam(f, r, "log alert");
        }
        return c.violations;
    }

    /**
     * The app watching itself: the health alerts of health-alerts.json exist, read only App* tables of this app's
     * Application Insights, name stage lines and functions the code really writes, and go to the watch group.
     */
    static List<String> healthAlerts(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        List<Map.Entry<BicepFile, Resource>> rules = c.deployed("Microsoft.Insights/scheduledQueryRules").stream()
                .filter(e -> e.getKey().path().equals(HEALTH_ALERTS)).toList();
        if (rules.size() != 1 || rules.get(0).getValue().loop().isEmpty()) {
            c.fail(HEALTH_ALERTS, 1, "expected one scheduledQueryRules loop over the health queries, found " + rules.size());
            return c.violations;
        }
        BicepFile f = rules.get(0).getKey();
        Resource r = rules.get(0).getValue();
        String source = r.loop().get().source().render();
        String loaded = f.vars().values().stream().map(BicepValue::render)
                .filter(v -> v.contains("loadJsonContent('health-alerts.json')")).findFirst().orElse("");
        if (!(source.contains("loadJsonContent('health-alerts.json')") || !loaded.isEmpty() && f.vars().containsKey(source))) {
            c.fail(f, r.line(), "health alerts must loop over loadJsonContent('health-alerts.json') (the KQL in one place)");
        }
        List<BicepValue> scopes = r.body().at("properties", "scopes").filter(v -> v instanceof Arr)
                .map(v -> ((Arr) v).items()).orElse(List.of());
        if (scopes.size() != 1 || !scopes.get(0).render().equals("workspaceResourceId")) {
            c.fail(f, r.line(), "health alerts must be scoped to the workspace App Insights writes to (AppTraces, AppRequests)");
        }
        String actions = r.body().at("properties", "actions").map(BicepValue::render).orElse("");
        boolean toWatch = f.resources().stream().anyMatch(g -> g.type().equalsIgnoreCase("Microsoft.Insights/actionGroups")
                && actions.contains(g.symbol() + ".id"));
        if (!toWatch) {
            c.fail(f, r.line(), "health alerts must go to the watch action group declared beside them");
        }
        String query = r.body().at("properties", "criteria", "allOf").map(BicepValue::render).orElse("");
        if (!query.contains("replace(alert.query,'{appInsightsId}',appInsightsResourceId)")) {
            c.fail(f, r.line(), "health queries must be narrowed to this app's Application Insights ({appInsightsId})");
        }
        JsonNode alerts = p.json(InfraProject.HEALTH_QUERIES).path("alerts");
        Set<String> names = new TreeSet<>();
        Set<String> stages = CodeFacts.stageNames();
        Set<String> functions = CodeFacts.functionNames();
        for (JsonNode alert : alerts) {
            String name = alert.path("name").asText();
            String q = alert.path("query").asText();
            names.add(name);
            String where = InfraProject.HEALTH_QUERIES + ": alert " + name;
            String table = q.split("[ |]", 2)[0];
            if (!ExpectedNames.HEALTH_TABLES.contains(table)) {
                c.fail(InfraProject.HEALTH_QUERIES, 1, where + " reads " + table + "; only " + ExpectedNames.HEALTH_TABLES);
            }
            if (!q.contains("_ResourceId =~ '{appInsightsId}'")) {
                c.fail(InfraProject.HEALTH_QUERIES, 1, where + " must filter _ResourceId =~ '{appInsightsId}' (a shared workspace holds other apps)");
            }
            Matcher stage = Pattern.compile("stage=([a-z-]+)").matcher(q);
            while (stage.find()) {
                if (!stages.contains(stage.group(1))) {
                    c.fail(InfraProject.HEALTH_QUERIES, 1, where + " looks for stage=" + stage.group(1)
                            + ", which the code never writes (stages: " + stages + ")");
                }
            }
            Matcher fn = Pattern.compile("Name == \"([a-z-]+)\"").matcher(q);
            while (fn.find()) {
                if (!functions.contains(fn.group(1))) {
                    c.fail(InfraProject.HEALTH_QUERIES, 1, where + " looks for function " + fn.group(1)
                            + ", which the code does not define (functions: " + functions + ")");
                }
            }
            if (minutes(alert.path("evaluationFrequency").asText()) > minutes(alert.path("windowSize").asText())) {
                c.fail(InfraProject.HEALTH_QUERIES, 1, where + ": evaluationFrequency longer than windowSize");
            }
        }
        if (!names.containsAll(ExpectedNames.HEALTH_ALERTS)) {
            Set<String> missing = new TreeSet<>(ExpectedNames.HEALTH_ALERTS);
            missing.removeAll(names);
            c.fail(InfraProject.HEALTH_QUERIES, 1, "health alerts missing: " + missing);
        }
        return c.violations;
    }

    /** Minutes of an ISO-8601 duration of the forms PT<n>M, PT<n>H, P<n>D. */
    static long minutes(String iso) {
        try {
            return java.time.Duration.parse(iso).toMinutes();
        } catch (java.time.format.DateTimeParseException e) {
            return Long.MAX_VALUE;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Deployment boundaries and azd
    // ------------------------------------------------------------------------------------------------------------

    /**
     * azd down deletes every resource group the azd deployment touched. main.bicep therefore deploys only into
     * the resource group it creates; existing resources elsewhere are only read.
     */
    static List<String> mainStaysInItsResourceGroup(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        BicepFile main = p.file(InfraProject.MAIN);
        if (!main.targetScope().filter("subscription"::equals).isPresent()) {
            c.fail(main, 1, "main.bicep must have targetScope = 'subscription'");
        }
        Set<String> ownGroups = new HashSet<>();
        for (Resource r : main.resources()) {
            if (r.existing()) {
                continue;
            }
            if (r.type().equalsIgnoreCase("Microsoft.Resources/resourceGroups")) {
                ownGroups.add(r.symbol());
            } else {
                c.fail(main, r.line(), r.symbol() + ": main.bicep may only create its resource group directly; put " + r.type() + " in a module");
            }
        }
        for (Module m : main.modules()) {
            String scope = m.body().get("scope").filter(v -> v instanceof Expr).flatMap(v -> ((Expr) v).singleIdentifier()).orElse("");
            if (!ownGroups.contains(scope)) {
                c.fail(main, m.line(), "module " + m.symbol() + " must be deployed into the app's own resource group, not '"
                        + m.body().get("scope").map(BicepValue::render).orElse("(none)") + "'");
            }
            if (p.resolveModule(main.path(), m.path()).filter(t -> t.startsWith("infra/wiring/")).isPresent()) {
                c.fail(main, m.line(), "module " + m.symbol() + ": the hub wiring must stay a separate deployment (postprovision hook)");
            }
        }
        return c.violations;
    }

    static List<String> azd(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        Map<String, String> yaml = p.azureYaml();
        String svc = "services." + ExpectedNames.AZD_SERVICE + ".";
        c.expectYaml(yaml, svc + "host", "function");
        c.expectYaml(yaml, svc + "language", "java");
        c.expectYaml(yaml, svc + "project", ".");
        p.pomFunctionAppName().ifPresent(app -> c.expectYaml(yaml, svc + "dist", "target/azure-functions/" + app));
        for (Map.Entry<String, String> h : ExpectedNames.HOOKS) {
            for (String shell : List.of("posix", "windows")) {
                String hook = "hooks." + h.getKey() + "." + shell + ".run";
                String script = yaml.getOrDefault(hook, "");
                String expected = "./infra/scripts/" + h.getValue() + (shell.equals("posix") ? ".sh" : ".ps1");
                if (!script.equals(expected)) {
                    c.fail(InfraProject.AZURE_YAML, 1, hook + " must be " + expected + ", is '" + script + "'");
                }
            }
        }
        for (String hook : yaml.keySet().stream().filter(k -> k.startsWith("hooks.") && k.endsWith(".run")).toList()) {
            String script = yaml.getOrDefault(hook, "");
            String rel = script.startsWith("./") ? script.substring(2) : script;
            if (p.optionalSource(rel).isEmpty()) {
                c.fail(InfraProject.AZURE_YAML, 1, hook + " points to '" + script + "', which does not exist");
            }
        }

        BicepFile main = p.file(InfraProject.MAIN);
        for (String required : List.of("AZURE_LOCATION", "AZURE_TENANT_ID",
                "SERVICE_" + ExpectedNames.AZD_SERVICE.toUpperCase(Locale.ROOT) + "_NAME")) {
            if (!main.outputs().containsKey(required)) {
                c.fail(main, 1, "missing azd output " + required);
            }
        }
        for (BicepFile.Output o : main.outputs().values()) {
            String text = o.value().render();
            if (text.contains("code=") || text.contains("listKeys")) {
                c.fail(main, o.line(), "output " + o.name() + " must not carry a function key");
            }
        }

        JsonNode params = p.mainParameters();
        params.fieldNames().forEachRemaining(name -> {
            if (!main.params().containsKey(name)) {
                c.fail(InfraProject.PARAMETERS, lineOf(p.source(InfraProject.PARAMETERS), "\"" + name + "\""),
                        "parameter " + name + " is not declared in main.bicep");
            }
        });
        for (Param prm : main.params().values()) {
            boolean inFile = params.has(prm.name());
            if (prm.defaultValue().isEmpty() && !inFile && !ExpectedNames.PROMPTED_PARAMS.containsKey(prm.name())) {
                c.fail(main, prm.line(), "required parameter " + prm.name() + " is neither in main.parameters.json nor listed as prompted by azd");
            }
            if (ExpectedNames.PROMPTED_PARAMS.containsKey(prm.name()) && (inFile || prm.defaultValue().isPresent())) {
                c.fail(main, prm.line(), "parameter " + prm.name() + " is listed as prompted but has a value or default");
            }
            if (prm.isSecure() && inFile) {
                String v = params.path(prm.name()).path("value").asText("");
                if (!v.matches("\\$\\{[A-Z][A-Z0-9_]*=?}")) {
                    c.fail(InfraProject.PARAMETERS, lineOf(p.source(InfraProject.PARAMETERS), "\"" + prm.name() + "\""),
                            "secure parameter " + prm.name() + " must come from an azd environment variable, not a literal");
                }
            }
        }
        for (String name : ExpectedNames.PROMPTED_PARAMS.keySet()) {
            if (!main.params().containsKey(name)) {
                c.fail(main, 1, "prompted parameter " + name + " is not declared");
            }
        }
        c.hooksMatchTheWiringTemplate(main);
        return c.violations;
    }

    private void hooksMatchTheWiringTemplate(BicepFile main) {
        BicepFile wiring = project.file(InfraProject.WIRING);
        Set<String> known = new HashSet<>(AZD_BUILTIN_ENV);
        known.addAll(ExpectedNames.HOOK_VARIABLES);
        known.addAll(main.outputs().keySet());
        known.addAll(parameterVariables());
        Map<String, Pattern> envPatterns = Map.of(
                ".sh", Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]+)"),
                ".ps1", Pattern.compile("\\$env:([A-Z][A-Z0-9_]+)"));
        Map<String, String> scripts = project.hookScripts();
        for (Map.Entry<String, String> h : ExpectedNames.HOOKS) {
            for (String ext : List.of(".sh", ".ps1")) {
                if (!scripts.containsKey("infra/scripts/" + h.getValue() + ext)) {
                    fail("infra/scripts/" + h.getValue() + ext, 1, "hook script missing");
                }
            }
        }
        for (Map.Entry<String, String> entry : scripts.entrySet()) {
            String script = entry.getKey();
            String text = entry.getValue();
            Pattern env = envPatterns.get(script.substring(script.lastIndexOf('.')));
            Matcher m = env.matcher(text);
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    fail(script, lineOf(text, m.group()), "reads " + m.group(1)
                            + ", which is neither an azd variable, an output or parameter variable of main.bicep, nor a hook variable");
                }
            }
            if (script.contains("/wire-hub")) {
                for (Param prm : wiring.params().values()) {
                    if (prm.defaultValue().isEmpty() && !text.contains(prm.name() + "=")) {
                        fail(script, 1, "does not pass required wiring parameter " + prm.name());
                    }
                }
                if (!text.contains("infra/wiring/main.bicep")) {
                    fail(script, 1, "does not deploy infra/wiring/main.bicep");
                }
                if (!text.contains("WIRING_DEPLOYMENT_NAME")) {
                    fail(script, 1, "must name its deployment WIRING_DEPLOYMENT_NAME (at most 64 characters)");
                }
            }
        }
        for (String common : List.of("infra/scripts/common.sh", "infra/scripts/common.ps1")) {
            String text = scripts.getOrDefault(common, "");
            if (!text.contains("diagnostic-settings delete --name") || !text.contains("DIAGNOSTIC_SETTING_NAME")) {
                fail(common, 1, "must delete this environment's diagnostic setting (DIAGNOSTIC_SETTING_NAME) and nothing else");
            }
        }
    }

    /** The azd environment variables main.parameters.json reads, e.g. IOTHUB_RESOURCE_IDS. */
    private Set<String> parameterVariables() {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(project.source(InfraProject.PARAMETERS));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Names, many hubs, sampling, docs
    // ------------------------------------------------------------------------------------------------------------

    /** ARM deployment names are at most 64 characters, whatever the environment name (up to 64) or hub id. */
    static List<String> deploymentNames(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        for (BicepFile f : p.bicepFiles().values()) {
            for (Module m : f.modules()) {
                BicepValue name = m.body().get("name").orElse(null);
                OptionalInt max = name == null ? OptionalInt.empty() : c.maxLength(f, name);
                if (max.isEmpty() || max.getAsInt() > ExpectedNames.MAX_DEPLOYMENT_NAME) {
                    c.fail(f, m.line(), "module " + m.symbol() + ": deployment name may exceed "
                            + ExpectedNames.MAX_DEPLOYMENT_NAME + " characters (" + (max.isEmpty() ? "unbounded" : max.getAsInt()) + ")");
                }
            }
        }
        BicepFile main = p.file(InfraProject.MAIN);
        BicepFile.Output out = main.outputs().get("WIRING_DEPLOYMENT_NAME");
        OptionalInt max = out == null ? OptionalInt.empty() : c.maxLength(main, out.value());
        if (max.isEmpty() || max.getAsInt() > ExpectedNames.MAX_DEPLOYMENT_NAME) {
            c.fail(main, out == null ? 1 : out.line(), "output WIRING_DEPLOYMENT_NAME may exceed "
                    + ExpectedNames.MAX_DEPLOYMENT_NAME + " characters (" + (max.isEmpty() ? "unbounded" : max.getAsInt()) + ")");
        }
        return c.violations;
    }

    /**
     * The longest a string can get: literal text, take(x, n) holes (n), uniqueString(...) holes (13), and vars of
     * such strings; empty when unbounded (any other hole, e.g. a raw parameter).
     */
    private OptionalInt maxLength(BicepFile f, BicepValue value) {
        if (value instanceof Expr e && e.singleIdentifier().filter(f.vars()::containsKey).isPresent()) {
            return maxLength(f, f.vars().get(e.singleIdentifier().get()));
        }
        if (!(value instanceof Str s)) {
            return OptionalInt.empty();
        }
        int total = 0;
        for (BicepToken.StringPart part : s.token().parts()) {
            if (!part.isHole()) {
                total += part.literal().length();
                continue;
            }
            List<BicepToken> hole = part.hole();
            if (hole.size() >= 3 && hole.get(0).isIdent("uniqueString") && hole.get(1).isPunct("(")
                    && hole.get(hole.size() - 1).isPunct(")")) {
                total += 13;
            } else if (hole.size() >= 6 && hole.get(0).isIdent("take") && hole.get(hole.size() - 1).isPunct(")")
                    && hole.get(hole.size() - 2).kind() == Kind.NUMBER && hole.get(hole.size() - 3).isPunct(",")) {
                total += Integer.parseInt(hole.get(hole.size() - 2).text());
            } else {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(total);
    }

    /**
     * One deployment, many hubs: the list is one parameter, TRIAGE_HUBS is exactly that list, and each hub gets its
     * alerts (main) and its wiring (wiring) from a loop over the same parsed list.
     */
    static List<String> manyHubs(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        for (String path : List.of(InfraProject.MAIN, InfraProject.WIRING)) {
            BicepFile f = p.file(path);
            String hubIds = Optional.ofNullable(f.vars().get("hubIds")).map(BicepValue::render).orElse("");
            if (!hubIds.equals("filter(map(split(iotHubResourceIds,','),id=>trim(id)),id=>!empty(id))")) {
                c.fail(f, 1, "var hubIds must be the trimmed, non-empty entries of iotHubResourceIds, was: " + hubIds);
            }
            String target = path.equals(InfraProject.MAIN) ? HUB_ALERTS : "infra/wiring/hub.bicep";
            boolean looped = f.modules().stream().anyMatch(m -> p.resolveModule(path, m.path()).filter(target::equals).isPresent()
                    && m.loop().map(l -> l.source().render()).filter("hubIds"::equals).isPresent());
            if (!looped) {
                c.fail(f, 1, "must deploy " + target + " once per hub: [for hubId in hubIds: ...]");
            }
        }
        BicepFile main = p.file(InfraProject.MAIN);
        BicepFile.Output hubs = main.outputs().get("TRIAGE_HUB_RESOURCE_IDS");
        if (hubs == null || !hubs.value().render().equals("join(hubIds,',')")) {
            c.fail(main, 1, "output TRIAGE_HUB_RESOURCE_IDS must be join(hubIds, ',') (the hooks wire exactly these hubs)");
        }
        String threshold = main.modules().stream().filter(m -> m.path().equals("app/hub-alerts.bicep")).findFirst()
                .map(m -> m.params().get("threshold")).map(BicepValue::render).orElse("");
        if (!threshold.contains("thresholdOverrides[") || !threshold.endsWith(":connectedDevicesThreshold")) {
            c.fail(main, 1, "each hub's threshold must be its override or the default, was: " + threshold);
        }
        return c.violations;
    }

    /** Trace sampling must keep every stage line: the health alerts count them. */
    static List<String> traceSampling(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        JsonNode sampling = p.json(InfraProject.HOST_JSON).path("logging").path("applicationInsights").path("samplingSettings");
        boolean off = sampling.path("isEnabled").isBoolean() && !sampling.path("isEnabled").asBoolean();
        List<String> excluded = List.of(sampling.path("excludedTypes").asText("").split(";"));
        if (!off && !(excluded.contains("Trace") && excluded.contains("Request"))) {
            c.fail(InfraProject.HOST_JSON, 1, "samplingSettings.excludedTypes must include Trace and Request (stage lines"
                    + " and requests feed the health alerts), is '" + sampling.path("excludedTypes").asText("") + "'");
        }
        return c.violations;
    }

    /** Every docs/*.md page the deployment files point to exists. */
    static List<String> docsExist(InfraProject p) {
        InfraInvariants c = new InfraInvariants(p);
        Pattern doc = Pattern.compile("docs/[a-z0-9-]+\\.md");
        for (Map.Entry<String, String> e : p.sources().entrySet()) {
            if (e.getKey().startsWith("docs/")) {
                continue;
            }
            Matcher m = doc.matcher(e.getValue());
            while (m.find()) {
                if (p.optionalSource(m.group()).isEmpty()) {
                    c.fail(e.getKey(), lineOf(e.getValue(), m.group()), "points to " + m.group() + ", which does not exist");
                }
            }
        }
        return c.violations;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    /** Resources of a type that the templates create (not `existing` references). */
    private List<Map.Entry<BicepFile, Resource>> deployed(String type) {
        List<Map.Entry<BicepFile, Resource>> out = new ArrayList<>();
        for (BicepFile f : project.bicepFiles().values()) {
            for (Resource r : f.resourcesOfType(type)) {
                if (!r.existing()) {
                    out.add(Map.entry(f, r));
                }
            }
        }
        return out;
    }

    private void expectLiteral(Map.Entry<BicepFile, Resource> e, String expected, String... path) {
        BicepFile f = e.getKey();
        Resource r = e.getValue();
        Optional<String> actual = r.body().at(path).flatMap(v -> project.literalOf(f, v));
        if (!actual.filter(expected::equals).isPresent()) {
            fail(f, r.body().at(path).map(BicepValue::line).orElse(r.line()), r.symbol() + "." + String.join(".", path)
                    + " must be " + expected + ", is " + r.body().at(path).map(BicepValue::render).orElse("(missing)"));
        }
    }

    private void expect(BicepFile f, Obj o, String expected, String key) {
        Optional<String> actual = o.get(key).flatMap(v -> project.literalOf(f, v));
        if (!actual.filter(expected::equals).isPresent()) {
            fail(f, o.line(), key + " must be '" + expected + "', is " + o.get(key).map(BicepValue::render).orElse("(missing)"));
        }
    }

    private void expectParam(BicepFile f, BicepValue v, String what, int line) {
        boolean isParam = v instanceof Expr e && e.singleIdentifier().filter(f.params()::containsKey).isPresent();
        if (!isParam) {
            fail(f, line, what + " must be a parameter, is " + (v == null ? "(missing)" : v.render()));
        }
    }

    private void expectScopesAreTheHub(BicepFile f, Resource r) {
        List<BicepValue> scopes = r.body().at("properties", "scopes").filter(v -> v instanceof Arr)
                .map(v -> ((Arr) v).items()).orElse(List.of());
        boolean hub = scopes.size() == 1 && scopes.get(0).referencedIdentifiers().contains("iotHubResourceId");
        if (!hub) {
            fail(f, r.line(), r.symbol() + ": scopes must be exactly [iotHubResourceId]");
        }
    }

    private void expectNames(String type, Set<String> expected) {
        Set<String> actual = new TreeSet<>();
        for (Map.Entry<BicepFile, Resource> e : deployed(type)) {
            Optional<String> name = e.getValue().body().get("name").flatMap(v -> project.literalOf(e.getKey(), v));
            if (name.isEmpty()) {
                fail(e.getKey(), e.getValue().line(), e.getValue().symbol() + ": name must be a literal (directly or via a var)");
            } else {
                actual.add(name.get());
            }
        }
        if (!actual.equals(new TreeSet<>(expected))) {
            fail(APP_STORAGE, 1, type + " names " + actual + " must be " + new TreeSet<>(expected));
        }
    }

    private void expectYaml(Map<String, String> yaml, String key, String expected) {
        if (!expected.equals(yaml.get(key))) {
            fail(InfraProject.AZURE_YAML, 1, key + " must be '" + expected + "', is " + yaml.get(key));
        }
    }

    private static String lastStringArgument(List<BicepToken> tokens, int openParen) {
        int depth = 0;
        String last = null;
        for (int i = openParen; i < tokens.size(); i++) {
            BicepToken t = tokens.get(i);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")") && --depth == 0) {
                return last;
            } else if (depth == 1 && t.kind() == Kind.STRING) {
                last = t.stringText();
            } else if (depth == 1 && !t.isPunct(",")) {
                last = null;
            }
        }
        return null;
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    private void fail(BicepFile f, int line, String problem) {
        fail(f.path(), line, problem);
    }

    private void fail(String path, int line, String problem) {
        violations.add(path + ":" + line + ": " + problem);
    }
}
