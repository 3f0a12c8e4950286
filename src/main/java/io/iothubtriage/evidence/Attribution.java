package io.iothubtriage.evidence;

/**
 * Attributes one affected device to exactly one cause family (contract, "Attributing a device to one cause").
 *
 * <ol>
 *   <li>Side-effect rule: when the device has non-noise errors of a family other than DUPLICATE_CONNECTION, its
 *       409002/400027 are a consequence of reconnecting and take no part in the attribution.</li>
 *   <li>If the device has (remaining) errors on deviceConnect, those decide: what refuses its reconnection is what
 *       keeps it offline. Otherwise its errors on deviceDisconnect decide.</li>
 *   <li>Among the deciding errors, the family with the most events wins; ties go to the first family of
 *       {@link #TIE_ORDER}.</li>
 * </ol>
 */
final class Attribution {

    /**
     * Fixed tie order: families that name a definite refusal reason first (credentials, quota, platform, service),
     * then the generic close (404104), then duplicates, then unknown codes.
     */
    static final CauseFamily[] TIE_ORDER = {
            CauseFamily.AUTHENTICATION,
            CauseFamily.THROTTLING_OR_QUOTA,
            CauseFamily.PLATFORM_CHANGE,
            CauseFamily.SERVICE_TRANSIENT,
            CauseFamily.NETWORK_OR_KEEPALIVE,
            CauseFamily.DUPLICATE_CONNECTION,
            CauseFamily.OTHER,
    };

    private static final int DUPLICATE = CauseFamily.DUPLICATE_CONNECTION.ordinal();

    private Attribution() {
    }

    /**
     * How many takeovers one error of another family can explain: a reconnect after a drop may be refused while the
     * old session lingers (409002), 5 to 8 times with an eager retry, and then close it (400027).
     */
    static final int SIDE_EFFECTS_PER_ERROR = 10;

    /**
     * Whether the device's duplicates are side effects: it also has another family's errors, enough to explain
     * them. A device taken over 70 times around one token renewal (two clients sharing its identity, each renewing
     * hourly) is the takeovers' own: its one 404104 does not make them a consequence of reconnecting.
     */
    static boolean duplicatesAreSideEffect(long[] onConnect, long[] onClose) {
        long duplicates = onConnect[DUPLICATE] + onClose[DUPLICATE];
        if (duplicates == 0) {
            return false;
        }
        long others = 0;
        for (int f = 0; f < onConnect.length; f++) {
            if (f != DUPLICATE) {
                others += onConnect[f] + onClose[f];
            }
        }
        return others > 0 && duplicates <= SIDE_EFFECTS_PER_ERROR * others;
    }

    /**
     * The family of a device, from its non-noise event counts per family ordinal on connect and on close.
     *
     * @return the family, or null when the device has no error that may decide
     */
    static CauseFamily attribute(long[] onConnect, long[] onClose) {
        boolean sideEffect = duplicatesAreSideEffect(onConnect, onClose);
        CauseFamily byConnect = pick(onConnect, sideEffect);
        return byConnect != null ? byConnect : pick(onClose, sideEffect);
    }

    private static CauseFamily pick(long[] counts, boolean skipDuplicates) {
        CauseFamily best = null;
        long bestCount = 0;
        for (CauseFamily f : TIE_ORDER) {
            if (skipDuplicates && f.ordinal() == DUPLICATE) {
                continue;
            }
            long c = counts[f.ordinal()];
            if (c > bestCount) {
                best = f;
                bestCount = c;
            }
        }
        return best;
    }
}
