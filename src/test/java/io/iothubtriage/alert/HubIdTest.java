package io.iothubtriage.alert;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading an IoT hub's ARM resource id. */
class HubIdTest {

    /** The regular expression {@link HubId} matched with before it read ids by hand: the reference for the reading. */
    private static final Pattern ARM_ID = Pattern.compile(
            "^/?subscriptions/([0-9a-fA-F-]{36})/resourcegroups/([-\\w._()]{1,90})"
                    + "/providers/microsoft\\.devices/iothubs/([A-Za-z0-9-]{3,50})/?$",
            Pattern.CASE_INSENSITIVE);

    private static final String SUB = "8b1a3c2e-0f4d-4e8a-9c71-2d5e6f7a8b90";

    @Test
    void readsAnIdInAnyCaseWithOrWithoutTheSlashes() {
        HubId id = HubId.parse("/SUBSCRIPTIONS/8B1A3C2E-0F4D-4E8A-9C71-2D5E6F7A8B90/RESOURCEGROUPS/IOT-PROD-RG"
                + "/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/CONTOSO-HUB");
        assertThat(id.subscriptionId()).isEqualTo(SUB);
        assertThat(id.resourceGroup()).isEqualTo("IOT-PROD-RG");
        assertThat(id.name()).isEqualTo("CONTOSO-HUB");
        assertThat(id.resourceId()).isEqualTo("/subscriptions/" + SUB
                + "/resourceGroups/IOT-PROD-RG/providers/Microsoft.Devices/IotHubs/CONTOSO-HUB");
        assertThat(HubId.parse(" subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub/ "))
                .isEqualTo(new HubId(SUB, "rg", "hub"));
    }

    @Test
    void refusesWhatIsNotAHubIdNamingIt() {
        assertThatThrownBy(() -> HubId.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Devices"
                + "/IotHubs/h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an IoT hub resource id (expected /subscriptions/{id}/resourceGroups/{rg}");
        assertThatThrownBy(() -> HubId.parse(" ")).hasMessage("hub resource id is empty");
        // letters that only Unicode case folding makes ASCII: the Kelvin sign, a dotless i, a long s
        assertThat(HubId.isHubId("/subscriptions/" + SUB + "/resourcegroups/rg/providers/microsoft.devices/iothubs/hub"))
                .isTrue();
        assertThat(HubId.isHubId("/\u017Fubscriptions/" + SUB + "/resourcegroups/rg/providers/microsoft.devices/iothubs/hub"))
                .isFalse();
        assertThat(HubId.isHubId("/subscriptions/" + SUB + "/resourcegroups/rg/providers/m\u0131crosoft.devices/iothubs/hub"))
                .isFalse();
        assertThat(HubId.isHubId("/subscriptions/" + SUB + "/resourcegroups/rg/providers/microsoft.devices/iothubs/\u212Aub"))
                .isFalse();
    }

    /** The hand reading accepts exactly what the expression matched, with the same parts, over generated texts. */
    @Test
    void readsAsTheExpressionMatched() {
        Random random = new Random(20261205);
        String[] leads = {"/", "", "//", " /", "\t"};
        String[] subscriptionWords = {"subscriptions/", "SUBSCRIPTIONS/", "Subscriptions/", "subscription/",
            "\u017Fubscriptions/", "subscriptions//"};
        String[] subscriptions = {SUB, SUB.toUpperCase(), SUB.substring(1), SUB + "0", SUB.replace('8', 'g'),
            "------------------------------------", "", SUB.replace('-', '_')};
        String[] groupWords = {"/resourceGroups/", "/resourcegroups/", "/RESOURCEGROUPS/", "/resourceGroup/",
            "/resourceGroups//", "/resourcegroup\u0131/"};
        String[] groups = {"rg", "IOT-PROD-RG", "a", "", "x".repeat(90), "x".repeat(91), "rg.(1)_-", "rg/x",
            "rg x", "r\u00e9g", "rg*"};
        String[] providerWords = {"/providers/Microsoft.Devices/IotHubs/", "/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/",
            "/providers/microsoft.devices/iothubs/", "/providers/MicrosoftXDevices/IotHubs/",
            "/providers/Microsoft.Devices/IotHub/", "/providers/Microsoft.Devices/IotHubs//"};
        String[] names = {"hub", "contoso-hub", "ab", "x".repeat(50), "x".repeat(51), "h_b", "h.b", "\u212Aub", "HUB-1"};
        String[] tails = {"", "/", "//", " ", "\n", "\u0085", "\u2028", "/x", "?"};
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = pick(random, leads) + pick(random, subscriptionWords) + pick(random, subscriptions)
                    + pick(random, groupWords) + pick(random, groups) + pick(random, providerWords) + pick(random, names)
                    + pick(random, tails);
            Matcher m = ARM_ID.matcher(text.trim());
            boolean matches = m.matches();
            assertThat(HubId.isHubId(text)).as(text).isEqualTo(matches);
            if (matches) {
                accepted++;
                assertThat(HubId.parse(text)).as(text).extracting(HubId::subscriptionId, HubId::resourceGroup, HubId::name)
                        .containsExactly(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2), m.group(3));
            }
        }
        assertThat(accepted).isGreaterThan(100); // about 170 ids to compare the parts of
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
