package io.iothubtriage.diagnosis;

/**
 * The thresholds of the diagnosis rules. Every rule that compares a share or a count reads it from here, so a
 * deployment can tune them; {@link #defaults()} holds the values documented in docs/diagnosis.md.
 *
 * @param dominanceShare       a family "dominates" when its attributed devices are at least this share of all
 *                             attributed (affected) devices: a clear majority. Default 0.6.
 * @param dominanceMargin      a dominant share below {@code dominanceShare + dominanceMargin} is "close to the
 *                             threshold" and caps confidence at MEDIUM. Default 0.1.
 * @param explainsDropShare    the one-tenth rule: errors can explain a drop only when the affected devices are at
 *                             least this share of the devices that disconnected in the window; fewer means the
 *                             devices disconnected cleanly (NO_CONNECTION_ERRORS). Default 0.1.
 * @param subsetConcentration  SUBSET needs at least this share of the affected devices (with a known value) on one
 *                             value of a dimension. Default 0.8.
 * @param subsetMaxRestShare   ... and the rest of the active fleet (active devices not attributed to the cause, with
 *                             a known value) may have at most this share on that value: the contract's "a value the
 *                             rest of the active fleet does not share". Default 0.25. The rest must hold at least
 *                             {@link #SUBSET_MIN_REST_DEVICES} devices, else nothing is left to compare with.
 * @param subsetMinKnownShare  a dimension is judged only when at least this share of the affected devices have a
 *                             known value of it (sdkVersion, for instance, is only logged on connects). Default 0.5.
 * @param fleetShare           affected devices that are at least this share of the active fleet are FLEET without
 *                             looking for a discriminating dimension. Default 0.8.
 * @param unusualRatio         a code is "unusual" when its hourly rate in the window is at least this multiple of
 *                             its hourly rate in the baseline window. Default 3.
 * @param unusualMinEvents     ... and it has at least this many events in the window (noise included, as the
 *                             baseline counts it). Default 10.
 * @param smallSampleDevices   fewer affected devices than this caps confidence at MEDIUM. Default 5.
 * @param onsetShare           the drop's time is the first minute whose errors + disconnects reach this share of
 *                             the busiest minute. Default 0.5.
 * @param onsetMinEvents       ... when the busiest minute has at least this many; otherwise the first error of the
 *                             attributed devices is used. Default 5.
 */
public record DiagnosisOptions(double dominanceShare, double dominanceMargin, double explainsDropShare,
                               double subsetConcentration, double subsetMaxRestShare, double subsetMinKnownShare,
                               double fleetShare, double unusualRatio, long unusualMinEvents, int smallSampleDevices,
                               double onsetShare, int onsetMinEvents) {

    /** SUBSET compares with the rest of the active fleet only when it holds at least this many devices. */
    public static final int SUBSET_MIN_REST_DEVICES = 10;

    public DiagnosisOptions {
        share("dominanceShare", dominanceShare);
        if (dominanceShare <= 0.5) {
            throw new IllegalArgumentException("dominanceShare must be above 0.5 (a majority), got " + dominanceShare);
        }
        if (dominanceMargin < 0 || dominanceMargin >= 1) {
            throw new IllegalArgumentException("dominanceMargin must be in [0, 1), got " + dominanceMargin);
        }
        share("explainsDropShare", explainsDropShare);
        share("subsetConcentration", subsetConcentration);
        share("subsetMaxRestShare", subsetMaxRestShare);
        share("subsetMinKnownShare", subsetMinKnownShare);
        share("fleetShare", fleetShare);
        share("onsetShare", onsetShare);
        if (unusualRatio < 1) {
            throw new IllegalArgumentException("unusualRatio must be at least 1, got " + unusualRatio);
        }
        if (unusualMinEvents < 1) {
            throw new IllegalArgumentException("unusualMinEvents must be at least 1, got " + unusualMinEvents);
        }
        if (smallSampleDevices < 0) {
            throw new IllegalArgumentException("smallSampleDevices must not be negative, got " + smallSampleDevices);
        }
        if (onsetMinEvents < 1) {
            throw new IllegalArgumentException("onsetMinEvents must be at least 1, got " + onsetMinEvents);
        }
    }

    public static DiagnosisOptions defaults() {
        return new DiagnosisOptions(0.6, 0.1, 0.1, 0.8, 0.25, 0.5, 0.8, 3.0, 10, 5, 0.5, 5);
    }

    public DiagnosisOptions withDominanceShare(double v) {
        return new DiagnosisOptions(v, dominanceMargin, explainsDropShare, subsetConcentration, subsetMaxRestShare,
                subsetMinKnownShare, fleetShare, unusualRatio, unusualMinEvents, smallSampleDevices, onsetShare,
                onsetMinEvents);
    }

    public DiagnosisOptions withExplainsDropShare(double v) {
        return new DiagnosisOptions(dominanceShare, dominanceMargin, v, subsetConcentration, subsetMaxRestShare,
                subsetMinKnownShare, fleetShare, unusualRatio, unusualMinEvents, smallSampleDevices, onsetShare,
                onsetMinEvents);
    }

    public DiagnosisOptions withSubset(double concentration, double maxRestShare) {
        return new DiagnosisOptions(dominanceShare, dominanceMargin, explainsDropShare, concentration, maxRestShare,
                subsetMinKnownShare, fleetShare, unusualRatio, unusualMinEvents, smallSampleDevices, onsetShare,
                onsetMinEvents);
    }

    public DiagnosisOptions withFleetShare(double v) {
        return new DiagnosisOptions(dominanceShare, dominanceMargin, explainsDropShare, subsetConcentration,
                subsetMaxRestShare, subsetMinKnownShare, v, unusualRatio, unusualMinEvents, smallSampleDevices,
                onsetShare, onsetMinEvents);
    }

    public DiagnosisOptions withUnusual(double ratio, long minEvents) {
        return new DiagnosisOptions(dominanceShare, dominanceMargin, explainsDropShare, subsetConcentration,
                subsetMaxRestShare, subsetMinKnownShare, fleetShare, ratio, minEvents, smallSampleDevices,
                onsetShare, onsetMinEvents);
    }

    public DiagnosisOptions withSmallSampleDevices(int v) {
        return new DiagnosisOptions(dominanceShare, dominanceMargin, explainsDropShare, subsetConcentration,
                subsetMaxRestShare, subsetMinKnownShare, fleetShare, unusualRatio, unusualMinEvents, v, onsetShare,
                onsetMinEvents);
    }

    private static void share(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be a share in (0, 1], got " + v);
        }
    }
}
