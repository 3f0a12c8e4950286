package io.iothubtriage.evidence;

import java.util.Locale;
import java.util.regex.Pattern;

/** What kind of principal made a change: a person, or software acting under its own identity. */
public enum CallerKind {
    /** A person signed in with a user principal name (has an "@"), or Resource Graph says {@code User}. */
    USER,
    /** A service principal, managed identity or application: a GUID caller, or Resource Graph's {@code AppId}. */
    APPLICATION,
    /** Nothing recorded, or a form this tool does not recognise. */
    UNKNOWN;

    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /**
     * The kind from what Azure returns: Resource Graph's {@code changedByType} when it is given ({@code User},
     * {@code AppId}, {@code ServicePrincipal}, {@code ManagedIdentity}), else the caller's form.
     */
    public static CallerKind of(String caller, String changedByType) {
        String type = changedByType == null ? "" : changedByType.strip().toLowerCase(Locale.ROOT);
        switch (type) {
            case "user":
                return USER;
            case "appid", "application", "serviceprincipal", "managedidentity":
                return APPLICATION;
            default:
                break;
        }
        String c = caller == null ? "" : caller.strip();
        if (c.contains("@")) {
            return USER;
        }
        if (GUID.matcher(c).matches()) {
            return APPLICATION;
        }
        return UNKNOWN;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
