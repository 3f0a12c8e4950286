package io.iothubtriage.evidence;

/**
 * The contract's SAS-renewal rule, judged on one device's time-sorted buffer of errors and successful connects.
 *
 * <p>An <em>error group</em> is a maximal run of consecutive errors with no successful connect between them. A group
 * is a renewal when all of these hold:
 * <ol>
 *   <li>a successful connect follows it, at most {@code followUpMs} after the group's first error (so every
 *       error of the group is followed within the limit);</li>
 *   <li>every error of the group is a renewal code (401003 or 404104);</li>
 *   <li>the device's previous error (any code) is at least {@code minRepeatMs} before the group's first error, and
 *       its next error (any code) at least {@code minRepeatMs} after the group's last error: the device does not
 *       err more often than every 10 minutes. A next error at the edge of the data (later than
 *       {@code edgeFromOffsetMs}) does not count: its own follow-up is not seen yet, and an unconfirmed error must
 *       not turn a renewal into evidence.</li>
 * </ol>
 * The errors of a renewal group are noise; every other error stays evidence. Judged per group, so a device that
 * renewed cleanly at 09:40 and lost its connection at 10:41 keeps its 10:41 errors as evidence.
 */
final class RenewalRule {

    private RenewalRule() {
    }

    /**
     * Marks {@code noise[i] = true} for every entry of {@code sorted[0, n)} that is an error of a renewal group.
     *
     * @param renewalCode      per code index, whether the code is 401003 or 404104
     * @param edgeFromOffsetMs errors later than this offset are at the edge of the data
     * @return how many entries were marked
     */
    static int mark(long[] sorted, int n, boolean[] renewalCode, long followUpMs, long minRepeatMs,
                    long edgeFromOffsetMs, boolean[] noise) {
        int marked = 0;
        long previousErrorMs = Long.MIN_VALUE;
        boolean hasPrevious = false;
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
            int end = i;
            long firstMs = DeviceState.offset(sorted[first]);
            long lastMs = DeviceState.offset(sorted[end - 1]);
            int next = end;
            while (next < n && DeviceState.isConnected(sorted[next])) {
                next++;
            }
            boolean renewal = allRenewalCodes
                    && end < n
                    && DeviceState.offset(sorted[end]) - firstMs <= followUpMs
                    && (!hasPrevious || firstMs - previousErrorMs >= minRepeatMs)
                    && (next == n || DeviceState.offset(sorted[next]) - lastMs >= minRepeatMs
                        || DeviceState.offset(sorted[next]) > edgeFromOffsetMs);
            if (renewal) {
                for (int k = first; k < end; k++) {
                    noise[k] = true;
                }
                marked += end - first;
            }
            previousErrorMs = lastMs;
            hasPrevious = true;
        }
        return marked;
    }
}
