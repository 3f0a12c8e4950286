package io.iothubtriage.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * properties_s texts whose keys mostly come in the order of the texts before them, as in an export, and often not:
 * keys swapped, dropped, added, renamed (another case, a letter more or less, a prefix of a known key), a space
 * before or after the colon, more distinct keys than {@link KeyOrder} learns, and texts cut anywhere. For tests that
 * a scanner expecting the previous order reads every text as a scanner that never saw one does.
 */
final class KeyOrderTexts {

    private static final String[][] USUAL = {
            {"deviceId", "sdkVersion", "protocol", "authType", "maskedIpAddress", "statusCode", "errorMessage"},
            {"deviceId", "protocol", "authType", "maskedIpAddress", "statusCode", "errorMessage"},
            {"deviceId", "endpointName", "messageId", "details", "routeName", "statusCode"}};
    private static final String[] RENAMED = {"deviceID", "DeviceId", "deviceIdx", "device", "devic", "protocols",
            "protocoL", "statuscode", "status", "errorMessag", "maskedIpAddres", "sdkVersion2", "x"};

    private KeyOrderTexts() {
    }

    static List<String> texts(long seed, int count) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            List<String> keys = new ArrayList<>(List.of(USUAL[random.nextInt(10) < 7 ? random.nextInt(2) : 2]));
            int change = random.nextInt(12);
            if (change == 0) {
                Collections.swap(keys, random.nextInt(keys.size()), random.nextInt(keys.size()));
            } else if (change == 1) {
                keys.remove(random.nextInt(keys.size()));
            } else if (change == 2) {
                keys.add(random.nextInt(keys.size() + 1), "k" + random.nextInt(100)); // beyond what is learnt
            } else if (change == 3) {
                keys.set(random.nextInt(keys.size()), RENAMED[random.nextInt(RENAMED.length)]);
            } else if (change == 4) {
                Collections.shuffle(keys, random);
            }
            String colon = change == 5 ? " :" : change == 6 ? ": " : change == 7 ? "\t:\t" : ":";
            StringBuilder b = new StringBuilder("{");
            for (int k = 0; k < keys.size(); k++) {
                b.append(k == 0 ? "" : ",").append('"').append(keys.get(k)).append('"').append(colon)
                        .append(value(keys.get(k), t, random));
            }
            String text = b.append('}').toString();
            texts.add(change == 8 ? text.substring(0, random.nextInt(text.length())) : text);
        }
        return texts;
    }

    private static String value(String key, int t, Random random) {
        return switch (key) {
            case "deviceId" -> random.nextInt(20) == 0 ? "null" : "\"sensor-" + (t % 37) + "\"";
            case "authType" -> "\"{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"sas\\\"}\"";
            case "statusCode" -> random.nextBoolean() ? "null" : "\"40" + random.nextInt(5) + "\"";
            case "messageId" -> "null";
            default -> "\"" + key + "-" + random.nextInt(3) + "\"";
        };
    }
}
