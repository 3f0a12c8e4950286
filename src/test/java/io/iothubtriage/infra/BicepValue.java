package io.iothubtriage.infra;

import io.iothubtriage.infra.BicepToken.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Bicep value as written: an object literal, an array literal, a plain string literal, or any other expression
 * (kept as its tokens, with object and array literals inside it parsed, e.g. the branches of a ternary or the
 * arguments of {@code union(...)}).
 */
sealed interface BicepValue {

    int line();

    record Obj(Map<String, BicepValue> entries, int line) implements BicepValue {
        public Obj {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<BicepValue> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }
    }

    record Arr(List<BicepValue> items, int line) implements BicepValue {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** A single string token (possibly interpolated). */
    record Str(BicepToken token) implements BicepValue {
        public int line() {
            return token.line();
        }

        /** The text when the string has no interpolation. */
        Optional<String> literal() {
            return token.hasHoles() ? Optional.empty() : Optional.of(token.stringText());
        }
    }

    /** Any other expression: a sequence of tokens and nested object/array literals. */
    record Expr(List<Object> atoms, int line) implements BicepValue {
        public Expr {
            atoms = List.copyOf(atoms);
        }

        /** The identifier when the whole expression is one identifier (a param, var or resource symbol). */
        Optional<String> singleIdentifier() {
            if (atoms.size() == 1 && atoms.get(0) instanceof BicepToken t && t.kind() == Kind.IDENT) {
                return Optional.of(t.text());
            }
            return Optional.empty();
        }

        /** true/false/number when the whole expression is that one token. */
        Optional<String> scalar() {
            if (atoms.size() == 1 && atoms.get(0) instanceof BicepToken t
                    && (t.kind() == Kind.NUMBER || t.isIdent("true") || t.isIdent("false"))) {
                return Optional.of(t.text());
            }
            return Optional.empty();
        }
    }

    /** Follows a path of object keys. */
    default Optional<BicepValue> at(String... keys) {
        BicepValue current = this;
        for (String key : keys) {
            if (!(current instanceof Obj obj) || !obj.entries().containsKey(key)) {
                return Optional.empty();
            }
            current = obj.entries().get(key);
        }
        return Optional.of(current);
    }

    /** Literal text of a plain string or a true/false/number token; empty for anything computed. */
    default Optional<String> literalText() {
        if (this instanceof Str s) {
            return s.literal();
        }
        if (this instanceof Expr e) {
            return e.scalar();
        }
        return Optional.empty();
    }

    /** Every token of this value, including tokens inside string interpolation holes and nested literals. */
    default List<BicepToken> tokens() {
        List<BicepToken> out = new ArrayList<>();
        collectTokens(this, out);
        return out;
    }

    /** Identifiers this value refers to (not member names after '.', not object keys). */
    default Set<String> referencedIdentifiers() {
        Set<String> out = new LinkedHashSet<>();
        List<BicepToken> all = tokens();
        for (int i = 0; i < all.size(); i++) {
            BicepToken t = all.get(i);
            boolean afterDot = i > 0 && all.get(i - 1).isPunct(".");
            if (t.kind() == Kind.IDENT && !afterDot) {
                out.add(t.text());
            }
        }
        return out;
    }

    /** Object literals inside this value, this one included, depth first. */
    default List<Obj> objectsWithin() {
        List<Obj> out = new ArrayList<>();
        collectObjects(this, out);
        return out;
    }

    /** Approximate source text, for messages and substring checks. */
    default String render() {
        StringBuilder out = new StringBuilder();
        render(this, out);
        return out.toString();
    }

    private static void collectTokens(Object atom, List<BicepToken> out) {
        if (atom instanceof BicepToken t) {
            out.add(t);
            for (BicepToken.StringPart part : t.parts()) {
                if (part.isHole()) {
                    part.hole().forEach(h -> collectTokens(h, out));
                }
            }
        } else if (atom instanceof Str s) {
            collectTokens(s.token(), out);
        } else if (atom instanceof Expr e) {
            e.atoms().forEach(a -> collectTokens(a, out));
        } else if (atom instanceof Obj o) {
            o.entries().values().forEach(v -> collectTokens(v, out));
        } else if (atom instanceof Arr a) {
            a.items().forEach(v -> collectTokens(v, out));
        }
    }

    private static void collectObjects(Object atom, List<Obj> out) {
        if (atom instanceof Obj o) {
            out.add(o);
            o.entries().values().forEach(v -> collectObjects(v, out));
        } else if (atom instanceof Arr a) {
            a.items().forEach(v -> collectObjects(v, out));
        } else if (atom instanceof Expr e) {
            e.atoms().forEach(v -> collectObjects(v, out));
        }
    }

    private static void render(Object atom, StringBuilder out) {
        if (atom instanceof BicepToken t) {
            out.append(t.kind() == Kind.STRING ? "'" + t.stringText() + "'" : t.text());
        } else if (atom instanceof Str s) {
            render(s.token(), out);
        } else if (atom instanceof Expr e) {
            e.atoms().forEach(a -> render(a, out));
        } else if (atom instanceof Obj o) {
            out.append('{');
            o.entries().forEach((k, v) -> {
                out.append(k).append(':');
                render(v, out);
                out.append(';');
            });
            out.append('}');
        } else if (atom instanceof Arr a) {
            out.append('[');
            a.items().forEach(v -> {
                render(v, out);
                out.append(';');
            });
            out.append(']');
        }
    }
}
