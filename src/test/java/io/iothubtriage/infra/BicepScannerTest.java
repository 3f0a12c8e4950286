package io.iothubtriage.infra;

import io.iothubtriage.infra.BicepFile.Resource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Bicep text scanner reads what the deployment writes and refuses what it cannot read. */
class BicepScannerTest {

    private static BicepFile parse(String source) {
        return BicepParser.parse("test.bicep", source);
    }

    @Test
    void readsParamsWithDecoratorsDefaultsAndSecureFlag() {
        BicepFile f = parse("""
                @minLength(1)
                @description('Hub id, e.g. /subscriptions/x')
                param hubId string

                @secure()
                param hook string = ''

                @allowed([
                  'Average'
                  'Minimum'
                ])
                param agg string = 'Minimum'
                """);
        assertThat(f.params()).containsOnlyKeys("hubId", "hook", "agg");
        assertThat(f.params().get("hubId").isSecure()).isFalse();
        assertThat(f.params().get("hubId").defaultValue()).isEmpty();
        assertThat(f.params().get("hook").isSecure()).isTrue();
        assertThat(f.params().get("agg").defaultValue().flatMap(BicepValue::literalText)).contains("Minimum");
        assertThat(f.params().get("agg").line()).isEqualTo(12);
    }

    @Test
    void readsResourcesWithTypeVersionExistingConditionAndQuotedKeys() {
        BicepFile f = parse("""
                resource hub 'Microsoft.Devices/IotHubs@2023-06-30' existing = {
                  name: hubName
                }
                resource alert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (enabled) {
                  name: 'a'
                  properties: {
                    criteria: {
                      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
                      allOf: [
                        {
                          metricName: 'connectedDeviceCount'
                          threshold: threshold
                        }
                      ]
                    }
                    autoMitigate: true
                  }
                }
                """);
        Resource hub = f.resource("hub").orElseThrow();
        assertThat(hub.type()).isEqualTo("Microsoft.Devices/IotHubs");
        assertThat(hub.apiVersion()).isEqualTo("2023-06-30");
        assertThat(hub.existing()).isTrue();
        Resource alert = f.resource("alert").orElseThrow();
        assertThat(alert.existing()).isFalse();
        assertThat(alert.condition().map(BicepValue::render)).contains("enabled");
        assertThat(alert.body().at("properties", "criteria", "odata.type").flatMap(BicepValue::literalText))
                .contains("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria");
        assertThat(alert.body().at("properties", "autoMitigate").flatMap(BicepValue::literalText)).contains("true");
        BicepValue.Arr allOf = (BicepValue.Arr) alert.body().at("properties", "criteria", "allOf").orElseThrow();
        assertThat(allOf.items()).hasSize(1);
        assertThat(allOf.items().get(0).at("metricName").flatMap(BicepValue::literalText)).contains("connectedDeviceCount");
    }

    @Test
    void readsLoopsAroundResourcesAndModulesAndLambdasInValues() {
        BicepFile f = parse("""
                var hubIds = filter(map(split(ids, ','), id => trim(id)), id => !empty(id))
                module hubAlerts 'app/hub-alerts.bicep' = [for hubId in hubIds: {
                  name: 'hub-alerts-${uniqueString(hubId)}'
                  params: {
                    iotHubResourceId: hubId
                  }
                }]
                resource alert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for (a, i) in loadJsonContent('x.json').alerts: if (a.enabled) {
                  name: 'health-${a.name}-${i}'
                }]
                """);
        assertThat(f.vars().get("hubIds").referencedIdentifiers()).contains("filter", "map", "split", "ids", "id", "trim");
        BicepFile.Module m = f.module("hubAlerts").orElseThrow();
        assertThat(m.loop().map(BicepFile.Loop::item)).contains("hubId");
        assertThat(m.loop().map(l -> l.source().render())).contains("hubIds");
        assertThat(m.params().get("iotHubResourceId").render()).isEqualTo("hubId");
        Resource r = f.resource("alert").orElseThrow();
        assertThat(r.loop().flatMap(BicepFile.Loop::index)).contains("i");
        assertThat(r.loop().map(l -> l.source().render())).contains("loadJsonContent('x.json').alerts");
        assertThat(r.condition().map(BicepValue::render)).contains("a.enabled");
        assertThat(r.body().get("name").map(BicepValue::render)).contains("'health-${a.name}-${i}'");
        assertThat(f.resource("alert").orElseThrow().line()).isEqualTo(8);
    }

    @Test
    void keepsInterpolationHolesIncludingNestedStrings() {
        BicepFile f = parse("""
                var uri = 'https://${site.properties.defaultHostName}/api/alerts?code=${listKeys(resourceId('Microsoft.Web/sites/host', site.name, 'default'), '2023-12-01').functionKeys.default}'
                var plain = 'it\\'s ${'nested ${x}'} done'
                """);
        BicepValue uri = f.vars().get("uri");
        assertThat(uri).isInstanceOf(BicepValue.Str.class);
        assertThat(((BicepValue.Str) uri).literal()).isEmpty();
        assertThat(((BicepValue.Str) uri).token().stringText())
                .isEqualTo("https://${site.properties.defaultHostName}/api/alerts?code=${listKeys(resourceId('Microsoft.Web/sites/host',site.name,'default'),'2023-12-01').functionKeys.default}");
        assertThat(uri.referencedIdentifiers()).contains("site", "listKeys", "resourceId").doesNotContain("defaultHostName", "name");
        assertThat(f.vars().get("plain").referencedIdentifiers()).containsExactly("x");
        assertThat(((BicepValue.Str) f.vars().get("plain")).token().stringText()).isEqualTo("it's ${'nested ${x}'} done");
    }

    @Test
    void findsObjectLiteralsInsideTernariesAndCalls() {
        BicepFile f = parse("""
                var extra = empty(name) ? {} : {
                  TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${uri}secrets/${name}/)'
                }
                var all = union(base, extra, { A: 'b' })
                """);
        assertThat(f.vars().get("extra").objectsWithin()).hasSize(2);
        assertThat(f.vars().get("extra").objectsWithin().get(1).entries()).containsOnlyKeys("TEAMS_WEBHOOK_URL");
        assertThat(f.vars().get("all").objectsWithin()).singleElement()
                .satisfies(o -> assertThat(o.entries()).containsOnlyKeys("A"));
    }

    @Test
    void readsModulesOutputsTargetScopeAndComments() {
        BicepFile f = parse("""
                // comment with 'quote
                targetScope = 'subscription'
                /* block
                   comment */
                module app 'app/function.bicep' = {
                  name: 'function'
                  scope: rg
                  params: {
                    principalId: other.outputs.principalId
                  }
                }
                output URL string = 'https://${app.outputs.host}'
                """);
        assertThat(f.targetScope()).contains("subscription");
        assertThat(f.module("app").orElseThrow().path()).isEqualTo("app/function.bicep");
        assertThat(f.module("app").orElseThrow().params().get("principalId").render()).isEqualTo("other.outputs.principalId");
        assertThat(f.module("app").orElseThrow().line()).isEqualTo(5);
        assertThat(f.outputs().get("URL").line()).isEqualTo(12);
    }

    @Test
    void rejectsUnterminatedStringWithItsLine() {
        assertThatThrownBy(() -> parse("param a string\nvar b = 'open\nvar c = 1\n"))
                .isInstanceOf(BicepSyntaxException.class)
                .hasMessage("test.bicep:2: unterminated string");
    }

    @Test
    void rejectsUnclosedObject() {
        assertThatThrownBy(() -> parse("resource r 'A/b@1' = {\n  name: 'x'\n  properties: {\n    a: 'b'\n}\n"))
                .isInstanceOf(BicepSyntaxException.class)
                .hasMessageContaining("test.bicep:1:")
                .hasMessageContaining("unclosed {");
    }

    @Test
    void rejectsTwoValuesOnOneProperty() {
        assertThatThrownBy(() -> parse("var o = {\n  a: 'x' 'y'\n}\n"))
                .isInstanceOf(BicepSyntaxException.class)
                .hasMessageContaining("test.bicep:2:");
    }

    @Test
    void rejectsWhatItDoesNotReadInsteadOfSkippingIt() {
        assertThatThrownBy(() -> parse("var names = [for x in xs: x.name]\n"))
                .hasMessageContaining("for-expressions inside values");
        assertThatThrownBy(() -> parse("resource r 'A/b@1' = {\n  name: 'x'\n  resource c 'd' = {\n    name: 'y'\n  }\n}\n"))
                .hasMessageContaining("nested resource declarations");
        assertThatThrownBy(() -> parse("type hub = { id: string }\n"))
                .hasMessageContaining("unsupported declaration 'type'");
        assertThatThrownBy(() -> parse("var o = {\n  a: 1\n  a: 2\n}\n"))
                .hasMessageContaining("property 'a' set twice");
        assertThatThrownBy(() -> parse("var a = 1\nvar a = 2\n"))
                .hasMessageContaining("symbol 'a' declared twice");
        assertThatThrownBy(() -> parse("var a = foo(1,\n"))
                .hasMessageContaining("unclosed (");
        assertThatThrownBy(() -> parse("resource r 'no-version' = {\n}\n"))
                .hasMessageContaining("'<type>@<apiVersion>'");
    }

    @Test
    void taintFollowsVarsButNotEmptyChecks() {
        BicepFile f = parse("""
                @secure()
                param hook string = ''
                var wrapped = 'prefix ${hook}'
                var twice = toLower(wrapped)
                var has = !empty(hook)
                """);
        Set<String> tainted = InfraInvariants.tainted(f);
        assertThat(tainted).containsExactlyInAnyOrder("hook", "wrapped", "twice");
        assertThat(InfraInvariants.leaks(f.vars().get("has"), tainted)).isFalse();
        assertThat(InfraInvariants.leaks(f.vars().get("twice"), tainted)).isTrue();
    }

    @Test
    void readsAzureYamlBlocksAndRejectsSequences() {
        Map<String, String> yaml = SimpleYaml.flatten("azure.yaml", """
                name: app # trailing comment
                services:
                  triage:
                    language: java
                    host: 'function'
                hooks:
                  postprovision:
                    posix:
                      run: ./x.sh
                """);
        assertThat(yaml).containsEntry("services.triage.host", "function")
                .containsEntry("services.triage.language", "java")
                .containsEntry("hooks.postprovision.posix.run", "./x.sh")
                .containsEntry("name", "app");
        assertThatThrownBy(() -> SimpleYaml.flatten("azure.yaml", "services:\n  - a\n"))
                .hasMessage("azure.yaml:2: unsupported YAML (sequence, flow style or tab)");
    }
}
