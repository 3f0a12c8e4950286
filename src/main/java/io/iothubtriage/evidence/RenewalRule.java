package io.iothubtriage.evidence;

/**
 * The contract's SAS-renewal rule, judged on one device's time-sorted buffer of errors and successful connects.
 *
 * <p>An <em>error group</em> is a maximal run of consecutive errors with no successful connect between them. A group
 * is a <em>quick reconnect</em> when a successful connect follows it at most {@code followUpMs} after the group's first
 * error (so every error of the group is followed within the limit). A quick reconnect whose errors are all renewal
 * codes (401003 or 404104) is <em>renewal-shaped</em>.
 *
 * <p>A renewal-shaped group is a renewal, and its errors are noise, when the pattern does not repeat more often than
 * every {@code minRepeatMs}: the device's previous quick reconnect (any codes) ended at least that long before the
 * group's first error, and its next quick reconnect starts at least that long after the group's last error. So:
 * <ul>
 *   <li>a device that drops and comes back every few minutes is flapping, not renewing: all its groups are evidence;</li>
 *   <li>a 404104 and reconnect followed by 409002/400027 and another reconnect is a drop with its side effects, not a
 *       renewal;</li>
 *   <li>an error after which the device does not come back quickly (a site outage, refused reconnections, or an
 *       error at the edge of the data whose follow-up is not seen yet) is not a repeat: a device that renewed cleanly
 *       at 10:32 and lost its network at 10:41 keeps its 10:41 error as evidence and its 10:32 renewal as noise;</li>
 *   <li>a device whose identity two clients share loses its connection to the other client again and again
 *       (409002/400027 and a reconnect at once, every few seconds to minutes): with at least
 *       {@link #STEADY_DUPLICATES} such duplicate-only quick reconnects they are its own pattern, not a repeat of a
 *       renewal, and each client's hourly token renewal between them is still a renewal (else every renewal of the
 *       pair became a network error, and the side-effect rule then read the takeovers as its consequence).</li>
 * </ul>
 */
final class RenewalRule {

    /** Duplicate-only quick reconnects that make a device's steady takeover pattern (see the class comment). */
    static final int STEADY_DUPLICATES = 3;

    private RenewalRule() {
    }

    /**
     * Marks {@code noise[i] = true} for every entry of {@code sorted[0, n)} that is an error of a renewal.
     *
     * @param renewalCode   per code index, whether the code is 401003 or 404104
     * @param duplicateCode per code index, whether the code is 409002 or 400027; null when not known
     * @param steadyTakeovers the device is known to be taken over steadily (all through the baseline), however few
     *                      takeovers these entries hold
     * @param groups        scratch space, at least {@code 3 * n} ints
     * @return how many entries were marked
     */
    static int mark(long[] sorted, int n, boolean[] renewalCode, boolean[] duplicateCode, boolean steadyTakeovers,
                    long followUpMs, long minRepeatMs, int[] groups, boolean[] noise) {
        // pass 1: the quick reconnects, as (first index, end index, shape) triples: 1 renewal-shaped, 2 duplicate-only
        int quick = 0;
        int duplicateOnly = 0;
        int i = 0;
        while (i < n) {
            if (DeviceState.isConnected(sorted[i])) {
                i++;
                continue;
            }
            int first = i;
            int renewals = 0;
            int duplicates = 0;
            int others = 0;
            while (i < n && !DeviceState.isConnected(sorted[i])) {
                int code = DeviceState.code(sorted[i]);
                if (renewalCode[code]) {
                    renewals++;
                } else if (isDuplicate(duplicateCode, code)) {
                    duplicates++;
                } else {
                    others++;
                }
                i++;
            }
            if (i < n && DeviceState.offset(sorted[i]) - DeviceState.offset(sorted[first]) <= followUpMs) {
                groups[3 * quick] = first;
                groups[3 * quick + 1] = i;
                // 1 renewal-shaped, 2 duplicate-only, 3 a renewal with a takeover in it (another client got in
                // while this one renewed), 0 anything else
                groups[3 * quick + 2] = others > 0 ? 0 : duplicates == 0 ? 1 : renewals == 0 ? 2 : 3;
                duplicateOnly += others == 0 && renewals == 0 ? 1 : 0;
                quick++;
            }
        }
        // a steady takeover pattern is the device's own, not a repeat of a renewal between its takeovers
        boolean skipDuplicates = duplicateOnly >= STEADY_DUPLICATES || (steadyTakeovers && duplicateOnly > 0);
        // pass 2: renewal-shaped quick reconnects with no other quick reconnect within minRepeatMs
        int marked = 0;
        for (int g = 0; g < quick; g++) {
            int shape = groups[3 * g + 2];
            if (shape != 1 && !(shape == 3 && skipDuplicates)) {
                continue;
            }
            int first = groups[3 * g];
            int end = groups[3 * g + 1];
            long firstMs = DeviceState.offset(sorted[first]);
            long lastMs = DeviceState.offset(sorted[end - 1]);
            int previous = g - 1;
            while (skipDuplicates && previous >= 0 && groups[3 * previous + 2] == 2) {
                previous--;
            }
            int next = g + 1;
            while (skipDuplicates && next < quick && groups[3 * next + 2] == 2) {
                next++;
            }
            boolean apartFromPrevious = previous < 0
                    || firstMs - DeviceState.offset(sorted[groups[3 * previous + 1] - 1]) >= minRepeatMs;
            boolean apartFromNext = next >= quick
                    || DeviceState.offset(sorted[groups[3 * next]]) - lastMs >= minRepeatMs;
            if (apartFromPrevious && apartFromNext) {
                for (int k = first; k < end; k++) {
                    if (renewalCode[DeviceState.code(sorted[k])]) { // a takeover in the group stays evidence
                        noise[k] = true;
                        marked++;
                    }
                }
            }
        }
        return marked;
    }

    private static boolean isDuplicate(boolean[] duplicateCode, int code) {
        return duplicateCode != null && code < duplicateCode.length && duplicateCode[code];
    }
}
