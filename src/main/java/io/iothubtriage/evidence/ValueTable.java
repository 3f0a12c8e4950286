package io.iothubtriage.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Interns the distinct values of one dimension (or of result codes) so devices hold small ints, not strings. */
final class ValueTable {
    private final HashMap<String, Integer> index = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    int intern(String value) {
        Integer i = index.get(value);
        if (i != null) {
            return i;
        }
        int next = values.size();
        values.add(value);
        index.put(value, next);
        return next;
    }

    String value(int i) {
        return values.get(i);
    }

    int size() {
        return values.size();
    }
}
