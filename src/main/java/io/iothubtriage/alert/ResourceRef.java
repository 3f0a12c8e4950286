package io.iothubtriage.alert;

/** A resource id found in a payload, with the JSON path it came from. */
record ResourceRef(String path, String id) {
}
