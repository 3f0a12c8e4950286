package io.iothubtriage.simulation;

import io.iothubtriage.evidence.CauseFamily;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that goes wrong on the simulated hub at a point in time. Incidents compose: a scenario may hold several,
 * each hitting its own devices (a device hit by one incident is not hit by a later one). What each one writes to the
 * Connections log is described on its factory method; the shapes follow domain.md §1.6 and §2.
 */
public sealed interface Incident {

    /** The cause family a correct triage attributes the hit devices to; empty when the incident leaves no errors. */
    Optional<CauseFamily> family();

    /**
     * A site loses its network: devices behind {@code maskedIp} (or any masked IP starting with it; each with
     * probability {@code share}) go silent and the hub closes their connections with 404104 over the next 3 minutes
     * (keep-alive time-out). They do not come back.
     */
    static Incident siteOutage(String maskedIp, double share) {
        return new NetworkLoss(DeviceSelection.behind(maskedIp).share(share), Optional.empty());
    }

    /** As {@link #siteOutage(String, double)}, the devices reconnecting about {@code recoverAfter} later. */
    static Incident siteOutage(String maskedIp, double share, Duration recoverAfter) {
        return new NetworkLoss(DeviceSelection.behind(maskedIp).share(share), Optional.of(recoverAfter));
    }

    /** Devices lose their connection (404104) and stay away; any selection. */
    static Incident networkLoss(DeviceSelection devices) {
        return new NetworkLoss(devices, Optional.empty());
    }

    /**
     * Credentials expire or a key is rotated: each hit device is dropped (404104), then every reconnection attempt is
     * refused with 401003 (exponential back-off from 10 s to 5 min); the devices stay offline.
     */
    static Incident expiredCredentials(DeviceSelection devices) {
        return new ExpiredCredentials(devices);
    }

    /** Two clients share each of {@code k} device identities and keep replacing each other (400027 / 409002). */
    static Incident duplicateClients(int k) {
        return new DuplicateClients(DeviceSelection.count(k));
    }

    static Incident duplicateClients(DeviceSelection devices) {
        return new DuplicateClients(devices);
    }

    /**
     * A rolling platform upgrade over 6 minutes: connections closed with 400029, one to three reconnections
     * rejected with 400030, then back. Resource Health shows a platform-initiated Unavailable status.
     */
    static Incident platformUpgrade() {
        return new PlatformUpgrade(DeviceSelection.fleet());
    }

    /**
     * The hub fails over: every connection drops (404104), reconnections are refused with 404012 for about 6 minutes,
     * then devices come back. Resource Health shows Unavailable, user- or platform-initiated.
     */
    static Incident failover(boolean userInitiated) {
        return new Failover(DeviceSelection.fleet(), userInitiated);
    }

    /**
     * Transient hub-side faults: hit devices drop (404104 or 500001), one to four reconnections fail with 500008 or
     * 500001, then succeed within minutes. The hub stays Available.
     */
    static Incident transientServiceErrors(double share) {
        return new TransientServiceErrors(DeviceSelection.fleet().share(share), false);
    }

    /** As {@link #transientServiceErrors(double)}, with an active IoT Hub service issue in the hub's region. */
    static Incident serviceOutage(double share) {
        return new TransientServiceErrors(DeviceSelection.fleet().share(share), true);
    }

    /** Connection throttling: hit devices drop (404104), reconnections refused with 429001 for about 12 minutes. */
    static Incident throttling(double share) {
        return new Throttling(DeviceSelection.fleet().share(share), false);
    }

    /** The daily quota is exhausted: connections closed and reconnections refused with 403002 until the rollover. */
    static Incident quotaExceeded(double share) {
        return new Throttling(DeviceSelection.fleet().share(share), true);
    }

    /** One device drops (404104) and then crash-loops: reconnects and drops again every couple of minutes. */
    static Incident singleDeviceFailure() {
        return new SingleDeviceFailure(DeviceSelection.count(1));
    }

    /** Devices disconnect cleanly (deviceDisconnect without error) and do not come back: shutdown, power off. */
    static Incident cleanShutdown(double share) {
        return new CleanShutdown(DeviceSelection.fleet().share(share));
    }

    static Incident cleanShutdown(DeviceSelection devices) {
        return new CleanShutdown(devices);
    }

    /** Diagnostic settings are off: the hub writes no Connections rows at all (the metric still dips). */
    static Incident noDiagnosticLogs() {
        return new NoDiagnosticLogs();
    }

    /**
     * Three causes at once on similar numbers of devices, so that none dominates: expired credentials, network loss
     * and transient service errors, each on about 6 % of the fleet.
     */
    static Incident mixed() {
        return new Mixed(List.of(
                expiredCredentials(DeviceSelection.fleet().share(0.065)),
                networkLoss(DeviceSelection.fleet().share(0.07)),
                transientServiceErrors(0.075)));
    }

    record NetworkLoss(DeviceSelection devices, Optional<Duration> recoverAfter) implements Incident {
        public NetworkLoss {
            Objects.requireNonNull(devices, "devices");
            recoverAfter = recoverAfter == null ? Optional.empty() : recoverAfter;
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.NETWORK_OR_KEEPALIVE);
        }
    }

    record ExpiredCredentials(DeviceSelection devices) implements Incident {
        public ExpiredCredentials {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.AUTHENTICATION);
        }
    }

    record DuplicateClients(DeviceSelection devices) implements Incident {
        public DuplicateClients {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.DUPLICATE_CONNECTION);
        }
    }

    record PlatformUpgrade(DeviceSelection devices) implements Incident {
        public PlatformUpgrade {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.PLATFORM_CHANGE);
        }
    }

    record Failover(DeviceSelection devices, boolean userInitiated) implements Incident {
        public Failover {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.PLATFORM_CHANGE);
        }
    }

    record TransientServiceErrors(DeviceSelection devices, boolean serviceIssue) implements Incident {
        public TransientServiceErrors {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.SERVICE_TRANSIENT);
        }
    }

    record Throttling(DeviceSelection devices, boolean quota) implements Incident {
        public Throttling {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.THROTTLING_OR_QUOTA);
        }
    }

    record SingleDeviceFailure(DeviceSelection devices) implements Incident {
        public SingleDeviceFailure {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.of(CauseFamily.NETWORK_OR_KEEPALIVE);
        }
    }

    record CleanShutdown(DeviceSelection devices) implements Incident {
        public CleanShutdown {
            Objects.requireNonNull(devices, "devices");
        }

        public Optional<CauseFamily> family() {
            return Optional.empty();
        }
    }

    record NoDiagnosticLogs() implements Incident {
        public Optional<CauseFamily> family() {
            return Optional.empty();
        }
    }

    record Mixed(List<Incident> parts) implements Incident {
        public Mixed {
            parts = List.copyOf(parts);
            if (parts.stream().anyMatch(p -> p instanceof Mixed)) {
                throw new IllegalArgumentException("a mixed incident cannot nest another");
            }
        }

        public Optional<CauseFamily> family() {
            return Optional.empty();
        }
    }
}
