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
 *       at 10:32 and lost its network at 10:41 keeps its 10:41 error as evidence and its 10:32 renewal as noise.</li>
 * </ul>
 */
final class RenewalRule {

    private RenewalRule() {
    }

    /**
     * Marks {@code noise[i] = true} for every entry of {@code sorted[0, n)} that is an error of a renewal.
     *
     * @param renewalCode per code index, whether the code is 401003 or 404104
     * @param groups      scratch space, at least {@code 3 * n} ints
     * @return how many entries were marked
     */
    static int mark(long[] sorted, int n, boolean[] renewalCode, long followUpMs, long minRepeatMs, int[] groups,
                    boolean[] noise) {
        // pass 1: the quick reconnects, as (first index, end index, renewal-shaped) triples
        int quick = 0;
        int i = 0;
        while (i < n) {
            if (DeviceState.isConnected(sorted[i])) {
                i++;
                continue;
            }
            int first = i;
            boolean allRenewalCodes = true;
            while (i < n && !DeviceState.isConnected(sorted[i])) {
                allRenewalCodes &= renewalCode[DeviceState.code(sorted[i])];
                i++;
            }
            if (i < n && DeviceState.offset(sorted[i]) - DeviceState.offset(sorted[first]) <= followUpMs) {
                groups[3 * quick] = first;
                groups[3 * quick + 1] = i;
                groups[3 * quick + 2] = allRenewalCodes ? 1 : 0;
                quick++;
            }
        }
        // pass 2: renewal-shaped quick reconnects with no other quick reconnect within minRepeatMs
        int marked = 0;
        for (int g = 0; g < quick; g++) {
            if (groups[3 * g + 2] == 0) {
                continue;
            }
            int first = groups[3 * g];
            int end = groups[3 * g + 1];
            long firstMs = DeviceState.offset(sorted[first]);
            long lastMs = DeviceState.offset(sorted[end - 1]);
            boolean apartFromPrevious = g == 0
                    || firstMs - DeviceState.offset(sorted[groups[3 * g - 2] - 1]) >= minRepeatMs;
            boolean apartFromNext = g == quick - 1
                    || DeviceState.offset(sorted[groups[3 * g + 3]]) - lastMs >= minRepeatMs;
            if (apartFromPrevious && apartFromNext) {
                for (int k = first; k < end; k++) {
                    noise[k] = true;
                }
                marked += end - first;
            }
        }
        return marked;
    }
}
