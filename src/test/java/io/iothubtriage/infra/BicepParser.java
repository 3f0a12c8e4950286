package io.iothubtriage.infra;

import io.iothubtriage.infra.BicepFile.Decorator;
import io.iothubtriage.infra.BicepFile.Module;
import io.iothubtriage.infra.BicepFile.Output;
import io.iothubtriage.infra.BicepFile.Param;
import io.iothubtriage.infra.BicepFile.Resource;
import io.iothubtriage.infra.BicepToken.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the subset of Bicep this project writes: targetScope, param (with decorators), var, resource
 * (type@apiVersion, existing, if-condition, a {@code [for ...]} loop around the body), module (the same), output;
 * values are object/array literals or expressions (lambdas such as {@code map(xs, x => x.id)} are read as
 * expressions). For-expressions inside values, nested resource declarations, user-defined types/functions and
 * imports are rejected with a clear message rather than half-read, so a check never passes on something the
 * scanner skipped.
 */
final class BicepParser {
    private final String file;
    private final List<BicepToken> tokens;
    private int i;

    private BicepParser(String file, List<BicepToken> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    static BicepFile parse(String file, String source) {
        return new BicepParser(file, BicepLexer.tokenize(file, source)).file();
    }

    private BicepFile file() {
        Optional<String> targetScope = Optional.empty();
        Map<String, Param> params = new LinkedHashMap<>();
        Map<String, BicepValue> vars = new LinkedHashMap<>();
        List<Resource> resources = new ArrayList<>();
        List<Module> modules = new ArrayList<>();
        Map<String, Output> outputs = new LinkedHashMap<>();
        List<String> symbols = new ArrayList<>();

        while (true) {
            skipNewlines();
            List<Decorator> decorators = decorators();
            BicepToken keyword = next();
            if (keyword.kind() == Kind.EOF) {
                if (!decorators.isEmpty()) {
                    throw error(keyword, "decorator without a declaration");
                }
                break;
            }
            if (keyword.kind() != Kind.IDENT) {
                throw error(keyword, "expected a declaration, found '" + keyword.text() + "'");
            }
            switch (keyword.text()) {
                case "targetScope" -> {
                    expectPunct("=");
                    targetScope = value().literalText();
                }
                case "param" -> {
                    String name = ident("parameter name");
                    String type = type();
                    Optional<BicepValue> def = Optional.empty();
                    if (peek().isPunct("=")) {
                        next();
                        def = Optional.of(value());
                    }
                    declare(symbols, name, keyword);
                    params.put(name, new Param(name, type, decorators, def, keyword.line()));
                }
                case "var" -> {
                    String name = ident("variable name");
                    expectPunct("=");
                    declare(symbols, name, keyword);
                    vars.put(name, value());
                }
                case "resource" -> {
                    String symbol = ident("resource symbol");
                    BicepToken typeToken = expect(Kind.STRING, "resource type string");
                    String typeAndVersion = typeToken.stringText();
                    int at = typeAndVersion.indexOf('@');
                    if (typeToken.hasHoles() || at < 0) {
                        throw error(typeToken, "resource type must be a literal '<type>@<apiVersion>'");
                    }
                    boolean existing = false;
                    if (peek().isIdent("existing")) {
                        next();
                        existing = true;
                    }
                    expectPunct("=");
                    declare(symbols, symbol, keyword);
                    Declared d = declared("resource " + symbol);
                    resources.add(new Resource(symbol, typeAndVersion.substring(0, at), typeAndVersion.substring(at + 1),
                            existing, d.condition(), d.body(), keyword.line(), d.loop()));
                }
                case "module" -> {
                    String symbol = ident("module symbol");
                    BicepToken pathToken = expect(Kind.STRING, "module path string");
                    if (pathToken.hasHoles()) {
                        throw error(pathToken, "module path must be a literal");
                    }
                    expectPunct("=");
                    declare(symbols, symbol, keyword);
                    Declared d = declared("module " + symbol);
                    modules.add(new Module(symbol, pathToken.stringText(), d.condition(), d.body(), keyword.line(),
                            d.loop()));
                }
                case "output" -> {
                    String name = ident("output name");
                    String type = type();
                    expectPunct("=");
                    if (outputs.containsKey(name)) {
                        throw error(keyword, "output '" + name + "' declared twice");
                    }
                    outputs.put(name, new Output(name, type, value(), keyword.line()));
                }
                case "metadata" -> {
                    ident("metadata name");
                    expectPunct("=");
                    value();
                }
                default -> throw error(keyword, "unsupported declaration '" + keyword.text()
                        + "' (this scanner reads targetScope, param, var, resource, module, output, metadata)");
            }
            BicepToken end = peek();
            if (end.kind() != Kind.NEWLINE && end.kind() != Kind.EOF) {
                throw error(end, "unexpected '" + end.text() + "' after declaration");
            }
        }
        return new BicepFile(file, targetScope, params, vars, resources, modules, outputs);
    }

    private List<Decorator> decorators() {
        List<Decorator> out = new ArrayList<>();
        while (peek().isPunct("@")) {
            next();
            String name = ident("decorator name");
            List<BicepToken> args = new ArrayList<>();
            if (peek().isPunct("(")) {
                BicepToken open = next();
                int depth = 1;
                while (depth > 0) {
                    BicepToken t = next();
                    if (t.kind() == Kind.EOF) {
                        throw error(open, "unclosed ( in decorator @" + name);
                    }
                    if (t.isPunct("(")) {
                        depth++;
                    } else if (t.isPunct(")")) {
                        depth--;
                    }
                    if (depth > 0) {
                        args.add(t);
                    }
                }
            }
            out.add(new Decorator(name, args));
            skipNewlines();
        }
        return out;
    }

    private Optional<BicepValue> condition() {
        if (!peek().isIdent("if")) {
            return Optional.empty();
        }
        next();
        BicepToken open = expectPunct("(");
        List<Object> atoms = new ArrayList<>();
        int depth = 1;
        while (true) {
            BicepToken t = peek();
            if (t.kind() == Kind.EOF) {
                throw error(open, "unclosed ( in if condition");
            }
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")") && --depth == 0) {
                next();
                break;
            }
            atoms.add(atom());
        }
        return Optional.of(new BicepValue.Expr(atoms, open.line()));
    }

    /** What follows {@code =} in a resource or module declaration. */
    private record Declared(Optional<BicepFile.Loop> loop, Optional<BicepValue> condition, BicepValue.Obj body) {}

    private Declared declared(String what) {
        if (!peek().isPunct("[")) {
            Optional<BicepValue> condition = condition();
            return new Declared(Optional.empty(), condition, body(what));
        }
        BicepToken open = next();
        if (!next().isIdent("for")) {
            throw error(open, what + ": expected [for ...] or an object body");
        }
        String item;
        Optional<String> index = Optional.empty();
        if (peek().isPunct("(")) {
            next();
            item = ident("loop variable");
            expectPunct(",");
            index = Optional.of(ident("loop index"));
            expectPunct(")");
        } else {
            item = ident("loop variable");
        }
        if (!next().isIdent("in")) {
            throw error(open, what + ": expected 'in' after the loop variable");
        }
        BicepValue source = loopSource(open);
        expectPunct(":");
        Optional<BicepValue> condition = condition();
        BicepValue.Obj body = body(what);
        skipNewlines();
        expectPunct("]");
        return new Declared(Optional.of(new BicepFile.Loop(item, index, source, open.line())), condition, body);
    }

    /** The loop's source expression, up to the ':' that starts its body. */
    private BicepValue loopSource(BicepToken open) {
        List<Object> atoms = new ArrayList<>();
        int depth = 0;
        while (true) {
            BicepToken t = peek();
            if (t.kind() == Kind.EOF || t.kind() == Kind.NEWLINE && depth == 0) {
                throw error(open, "loop without ':' before its body");
            }
            if (depth == 0 && t.isPunct(":")) {
                break;
            }
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            }
            atoms.add(t.isPunct("(") || t.isPunct(")") ? next() : atom());
        }
        if (atoms.isEmpty()) {
            throw error(open, "loop without a source");
        }
        return new BicepValue.Expr(atoms, open.line());
    }

    private BicepValue.Obj body(String what) {
        BicepToken start = peek();
        BicepValue v = value();
        if (!(v instanceof BicepValue.Obj obj)) {
            throw error(start, what + ": body must be an object literal");
        }
        return obj;
    }

    /** A value up to the end of its line (newlines inside brackets are allowed). */
    private BicepValue value() {
        BicepToken first = peek();
        if (first.kind() == Kind.NEWLINE || first.kind() == Kind.EOF) {
            throw error(first, "missing value");
        }
        List<Object> atoms = new ArrayList<>();
        int parens = 0;
        int brackets = 0; // open index brackets: a[0]
        boolean lastWasOperand = false;
        while (true) {
            BicepToken t = peek();
            if (t.kind() == Kind.EOF) {
                if (parens > 0 || brackets > 0) {
                    throw error(first, "unclosed ( or [ in expression");
                }
                break;
            }
            boolean nested = parens > 0 || brackets > 0;
            if (!nested && (t.kind() == Kind.NEWLINE || t.isPunct(",") || t.isPunct("}") || t.isPunct("]"))) {
                break;
            }
            if (t.kind() == Kind.NEWLINE) {
                next();
                continue;
            }
            boolean index = t.isPunct("[") && lastWasOperand;
            boolean operandStart = t.kind() == Kind.IDENT || t.kind() == Kind.NUMBER || t.kind() == Kind.STRING
                    || t.isPunct("{") || t.isPunct("[") && !index || t.isPunct("(") && !lastIsIdent(atoms);
            if (operandStart && lastWasOperand) {
                throw error(t, "missing operator between '" + render(atoms.get(atoms.size() - 1)) + "' and '" + t.text() + "'");
            }
            if (t.isPunct("(")) {
                parens++;
            } else if (t.isPunct(")")) {
                if (parens == 0) {
                    throw error(t, "unbalanced )");
                }
                parens--;
            } else if (index) {
                brackets++;
            } else if (t.isPunct("]") && brackets > 0) {
                brackets--;
            } else if (nested && (t.isPunct("}") || t.isPunct("]"))) {
                throw error(t, "unbalanced '" + t.text() + "'");
            }
            Object atom = index ? next() : atom();
            atoms.add(atom);
            lastWasOperand = atom instanceof BicepValue
                    || atom instanceof BicepToken a && (a.kind() == Kind.IDENT || a.kind() == Kind.NUMBER
                    || a.kind() == Kind.STRING || a.isPunct(")") || a.isPunct("]"));
        }
        if (atoms.size() == 1 && atoms.get(0) instanceof BicepValue v) {
            return v;
        }
        if (atoms.size() == 1 && atoms.get(0) instanceof BicepToken t && t.kind() == Kind.STRING) {
            return new BicepValue.Str(t);
        }
        if (atoms.isEmpty()) {
            throw error(first, "missing value");
        }
        return new BicepValue.Expr(atoms, first.line());
    }

    private static boolean lastIsIdent(List<Object> atoms) {
        return !atoms.isEmpty() && atoms.get(atoms.size() - 1) instanceof BicepToken t && t.kind() == Kind.IDENT;
    }

    private static String render(Object atom) {
        return atom instanceof BicepToken t ? t.text() : ((BicepValue) atom).render();
    }

    /** One token, or a whole object/array literal when the token opens one. */
    private Object atom() {
        BicepToken t = peek();
        if (t.isPunct("{")) {
            return object();
        }
        if (t.isPunct("[")) {
            return array();
        }
        return next();
    }

    private BicepValue.Obj object() {
        BicepToken open = expectPunct("{");
        Map<String, BicepValue> entries = new LinkedHashMap<>();
        while (true) {
            skipNewlinesAndCommas();
            BicepToken key = next();
            if (key.isPunct("}")) {
                break;
            }
            if (key.kind() == Kind.EOF) {
                throw error(open, "unclosed { (object starting here)");
            }
            if (key.isIdent("resource") && peek().kind() == Kind.IDENT) {
                throw error(key, "nested resource declarations are not supported by this scanner; declare child resources at top level with parent:");
            }
            String name;
            if (key.kind() == Kind.IDENT) {
                name = key.text();
            } else if (key.kind() == Kind.STRING && !key.hasHoles()) {
                name = key.stringText();
            } else {
                throw error(key, "expected a property name, found '" + key.text() + "'");
            }
            expectPunct(":");
            if (entries.containsKey(name)) {
                throw error(key, "property '" + name + "' set twice");
            }
            entries.put(name, value());
            BicepToken after = peek();
            if (!(after.kind() == Kind.NEWLINE || after.isPunct(",") || after.isPunct("}"))) {
                throw error(after, "expected a new line after property '" + name + "', found '" + after.text() + "'");
            }
        }
        return new BicepValue.Obj(entries, open.line());
    }

    private BicepValue.Arr array() {
        BicepToken open = expectPunct("[");
        if (peek().isIdent("for")) {
            throw error(open, "for-expressions inside values ([for ...]) are not supported by this scanner; "
                    + "use map()/filter(), or a loop around a resource or module");
        }
        List<BicepValue> items = new ArrayList<>();
        while (true) {
            skipNewlinesAndCommas();
            BicepToken t = peek();
            if (t.isPunct("]")) {
                next();
                break;
            }
            if (t.kind() == Kind.EOF || t.isPunct("}")) {
                throw error(open, "unclosed [ (array starting here)");
            }
            items.add(value());
        }
        return new BicepValue.Arr(items, open.line());
    }

    private String type() {
        BicepToken t = next();
        if (t.kind() != Kind.IDENT) {
            throw error(t, "expected a type, found '" + t.text() + "'");
        }
        String type = t.text();
        if (peek().isPunct("[")) {
            next();
            expectPunct("]");
            type += "[]";
        }
        return type;
    }

    private void declare(List<String> symbols, String name, BicepToken where) {
        if (symbols.contains(name)) {
            throw error(where, "symbol '" + name + "' declared twice");
        }
        symbols.add(name);
    }

    private String ident(String what) {
        return expect(Kind.IDENT, what).text();
    }

    private BicepToken expect(Kind kind, String what) {
        BicepToken t = next();
        if (t.kind() != kind) {
            throw error(t, "expected " + what + ", found '" + t.text().replace("\n", "end of line") + "'");
        }
        return t;
    }

    private BicepToken expectPunct(String p) {
        BicepToken t = next();
        if (!t.isPunct(p)) {
            throw error(t, "expected '" + p + "', found '" + t.text().replace("\n", "end of line") + "'");
        }
        return t;
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            next();
        }
    }

    private void skipNewlinesAndCommas() {
        while (peek().kind() == Kind.NEWLINE || peek().isPunct(",")) {
            next();
        }
    }

    private BicepToken peek() {
        return tokens.get(i);
    }

    private BicepToken next() {
        BicepToken t = tokens.get(i);
        if (t.kind() != Kind.EOF) {
            i++;
        }
        return t;
    }

    private BicepSyntaxException error(BicepToken at, String problem) {
        return new BicepSyntaxException(file, at.line(), problem);
    }
}
