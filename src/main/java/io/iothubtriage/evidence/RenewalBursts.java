package io.iothubtriage.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drops that each look like a SAS-token renewal but together are one site's network blip.
 *
 * <p>The renewal rule ({@link RenewalRule}) judges one device at a time: a 404104 or 401003 followed by a reconnect
 * within 2 minutes, not repeated within 10. A network blip of a minute at one site gives every device there exactly
 * that. What a single device cannot show, the devices together do: a device renews on its own clock, at its token's
 * period, so its baseline holds the same drop-and-reconnect at a regular interval; a blip puts many devices of one
 * site down in the same minute or two, off those clocks. So, over the window's renewals as the rule judged them:
 * <ul>
 *   <li>a renewal is <em>on schedule</em> when the device's baseline holds at least two renewals of it and this one
 *       falls a whole number of their median interval after the latest, within {@link #SCHEDULE_TOLERANCE_MS}, or,
 *       when that interval is whole hours (an hourly clock with renewals missing from the rows), a whole number of
 *       hours after it;
 *       <em>off schedule</em> when the baseline shows such a schedule and this one does not fit it; unknown when the
 *       baseline shows none (or was not judged);</li>
 *   <li>a <em>burst</em> is at least {@link #MIN_DEVICES} off-schedule renewals of devices behind one address
 *       ({@code maskedIpAddress}) whose first errors fall within {@code span} (the renewal follow-up, 2 minutes), and
 *       at least {@link #MIN_SITE_SHARE} of that address's active devices;</li>
 *   <li>every renewal of a device behind that address whose first error falls in the burst's span (on schedule,
 *       off it or unknown) is evidence, not noise: the site dropped, and a renewal due in the same seconds is no
 *       longer told apart from it.</li>
 * </ul>
 * Aligned renewal waves (devices provisioned together, renewing in the same minute every hour) are on schedule and
 * stay renewals. Without the baseline's rows no schedule is known and nothing changes.
 *
 * <p>Costs nothing per row: the pass over the devices notes each window renewal ({@link Log}), and only when a burst
 * is found is the pass made again with the burst's renewals counted as evidence.
 */
final class RenewalBursts {

    /** How far a renewal may fall from its device's schedule and still be on it. */
    static final long SCHEDULE_TOLERANCE_MS = 120_000;
    /** The fewest off-schedule renewals that make a burst. */
    static final int MIN_DEVICES = 5;
    /** The smallest share of the address's active devices a burst's off-schedule renewals make up. */
    static final double MIN_SITE_SHARE = 0.1;

    static final byte ON_SCHEDULE = 0;
    static final byte OFF_SCHEDULE = 1;
    static final byte NO_SCHEDULE = 2;

    private static final int OFFSET_BITS = 38;

    private RenewalBursts() {
    }

    /** A renewal's key: its device and its first error (ms after the window's start, under 2^38: 8.7 years). */
    static long key(int device, long startMs) {
        return ((long) device << OFFSET_BITS) | startMs;
    }

    /**
     * Where a renewal starting at {@code startMs} (absolute) stands against the device's {@code schedule}
     * ({@link BaselineRenewals#schedule}).
     */
    static byte status(long schedule, long baselineStartMs, long startMs) {
        if (schedule == 0) {
            return NO_SCHEDULE;
        }
        long period = BaselineRenewals.periodMs(schedule);
        long since = startMs - (baselineStartMs + BaselineRenewals.lastRenewalOffsetMs(schedule));
        if (period <= 0 || since <= 0) {
            return NO_SCHEDULE;
        }
        // a period of whole hours may be renewals missed from an hourly clock (10:30 yesterday, 09:30 today): then a
        // renewal at the same minute past an hour is on it too
        boolean on = fits(since, period) || (fits(period, HOUR_MS) && fits(since, HOUR_MS));
        return on ? ON_SCHEDULE : OFF_SCHEDULE;
    }

    private static final long HOUR_MS = 3_600_000;

    /** Whether {@code span} is a whole number (at least one) of {@code period}, within the tolerance. */
    private static boolean fits(long span, long period) {
        long periods = Math.max(1, Math.round((double) span / period));
        return Math.abs(span - periods * period) <= SCHEDULE_TOLERANCE_MS;
    }

    /** The window's renewals as a pass noted them: device, address value (-1 unknown), first error, status. */
    static final class Log {
        int size;
        int[] device = new int[16];
        int[] site = new int[16];
        long[] startMs = new long[16];
        byte[] status = new byte[16];

        void add(int d, int s, long start, byte st) {
            if (size == device.length) {
                int n = size * 2;
                device = Arrays.copyOf(device, n);
                site = Arrays.copyOf(site, n);
                startMs = Arrays.copyOf(startMs, n);
                status = Arrays.copyOf(status, n);
            }
            device[size] = d;
            site[size] = s;
            startMs[size] = start;
            status[size] = st;
            size++;
        }

        void merge(Log o) {
            for (int i = 0; i < o.size; i++) {
                add(o.device[i], o.site[i], o.startMs[i], o.status[i]);
            }
        }
    }

    /**
     * One burst: the address value, the span of its renewals' first errors (ms after the window's start), how many
     * devices it returns to evidence, and how many of them renewed off their own schedule.
     */
    record Burst(int site, long fromMs, long toMs, int devices, int offSchedule) {
    }

    /** The bursts found, and the keys of their renewals ({@link #key}, sorted) for the pass made again. */
    record Found(List<Burst> bursts, long[] keys) {
        static final Found NONE = new Found(List.of(), new long[0]);
    }

    /**
     * Finds the bursts among the noted renewals.
     *
     * @param siteActive per address value, the active devices behind it
     * @param spanMs     how close together a burst's first errors lie
     */
    static Found find(Log log, int[] siteActive, long spanMs) {
        // the off-schedule renewals with a known address, by address then time
        int seeds = 0;
        for (int i = 0; i < log.size; i++) {
            seeds += log.status[i] == OFF_SCHEDULE && log.site[i] >= 0 ? 1 : 0;
        }
        if (seeds < MIN_DEVICES) {
            return Found.NONE;
        }
        long[] bySite = new long[seeds];
        int k = 0;
        for (int i = 0; i < log.size; i++) {
            if (log.status[i] == OFF_SCHEDULE && log.site[i] >= 0) {
                bySite[k++] = ((long) log.site[i] << OFFSET_BITS) | log.startMs[i];
            }
        }
        Arrays.sort(bySite);
        List<long[]> spans = new ArrayList<>(); // {site, from, to}
        int i = 0;
        while (i < seeds) {
            long site = bySite[i] >>> OFFSET_BITS;
            long from = bySite[i] & ((1L << OFFSET_BITS) - 1);
            int j = i;
            while (j + 1 < seeds && bySite[j + 1] >>> OFFSET_BITS == site
                    && (bySite[j + 1] & ((1L << OFFSET_BITS) - 1)) - from <= spanMs) {
                j++;
            }
            int count = j - i + 1;
            int active = site < siteActive.length ? siteActive[(int) site] : 0;
            if (count >= MIN_DEVICES && count >= MIN_SITE_SHARE * active) {
                spans.add(new long[] {site, from, bySite[j] & ((1L << OFFSET_BITS) - 1)});
                i = j + 1;
            } else {
                i++;
            }
        }
        if (spans.isEmpty()) {
            return Found.NONE;
        }
        // every renewal of the address that falls in a burst's span joins it
        int[] members = new int[spans.size()];
        int[] off = new int[spans.size()];
        long[] keys = new long[log.size];
        int m = 0;
        for (int r = 0; r < log.size; r++) {
            for (int b = 0; b < spans.size(); b++) {
                long[] s = spans.get(b);
                if (log.site[r] == s[0] && log.startMs[r] >= s[1] && log.startMs[r] <= s[2]) {
                    keys[m++] = key(log.device[r], log.startMs[r]);
                    members[b]++;
                    off[b] += log.status[r] == OFF_SCHEDULE ? 1 : 0;
                    break;
                }
            }
        }
        long[] sorted = Arrays.copyOf(keys, m);
        Arrays.sort(sorted);
        List<Burst> bursts = new ArrayList<>(spans.size());
        for (int b = 0; b < spans.size(); b++) {
            long[] s = spans.get(b);
            bursts.add(new Burst((int) s[0], s[1], s[2], members[b], off[b]));
        }
        return new Found(List.copyOf(bursts), sorted);
    }
}
