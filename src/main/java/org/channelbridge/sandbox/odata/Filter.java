package org.channelbridge.sandbox.odata;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OData v4 {@code $filter} parsed by recursive descent and evaluated over Jackson entity trees.
 * Precedence, tightest first: primary (member, call, lambda), {@code not}, comparison, {@code and}, {@code or}.
 * Keywords are case-insensitive because ChannelAdvisor accepts {@code AND}/{@code OR}. String comparison is
 * case-insensitive like ChannelAdvisor's SQL Server collation.
 */
public final class Filter {
    private final Node root;

    private Filter(Node root) {
        this.root = root;
    }

    public static Filter parse(String text) {
        Parser p = new Parser(text);
        Node n = p.orExpr();
        if (p.peek().kind != Kind.END) {
            throw p.error("unexpected '" + p.peek().text + "'");
        }
        return new Filter(n);
    }

    /** The string a filter of the exact form {@code Field eq 'text'} compares with, so a store can use its index. */
    public String equalityLiteral(String field) {
        if (root instanceof Comparison c && c.op.equals("eq") && c.left instanceof Member m
                && m.path.size() == 1 && m.path.get(0).equals(field) && c.right instanceof Literal l
                && l.value instanceof String s) {
            return s;
        }
        return null;
    }

    public boolean matches(JsonNode entity) {
        Object v = root.eval(new Scope(entity, Map.of()));
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ODataQueryException("The $filter expression must evaluate to a boolean.");
    }

    // ---------------------------------------------------------------- evaluation

    record Scope(JsonNode entity, Map<String, JsonNode> variables) {
    }

    interface Node {
        Object eval(Scope s);
    }

    /** Converts a JSON value to the evaluator's value types: null, Boolean, BigDecimal, String, JsonNode array. */
    static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        return n;
    }

    record Literal(Object value) implements Node {
        public Object eval(Scope s) {
            return value;
        }
    }

    record Member(List<String> path) implements Node {
        public Object eval(Scope s) {
            JsonNode current;
            int start;
            if (s.variables.containsKey(path.get(0))) {
                current = s.variables.get(path.get(0));
                start = 1;
            } else {
                current = s.entity;
                start = 0;
            }
            for (int i = start; i < path.size(); i++) {
                if (current == null || current.isNull()) {
                    return null;
                }
                JsonNode next = current.get(path.get(i));
                if (next == null) {
                    throw new ODataQueryException("Could not find a property named '" + path.get(i) + "'.");
                }
                current = next;
            }
            return value(current);
        }
    }

    record Not(Node operand) implements Node {
        public Object eval(Scope s) {
            Object v = operand.eval(s);
            if (v instanceof Boolean b) {
                return !b;
            }
            throw new ODataQueryException("The 'not' operator needs a boolean operand.");
        }
    }

    record Logical(boolean and, Node left, Node right) implements Node {
        public Object eval(Scope s) {
            boolean l = bool(left.eval(s));
            if (and ? !l : l) {
                return l;
            }
            return bool(right.eval(s));
        }

        private static boolean bool(Object v) {
            if (v instanceof Boolean b) {
                return b;
            }
            throw new ODataQueryException("The 'and'/'or' operators need boolean operands.");
        }
    }

    record Comparison(String op, Node left, Node right) implements Node {
        public Object eval(Scope s) {
            Object l = left.eval(s);
            Object r = right.eval(s);
            if (l == null || r == null) {
                boolean bothNull = l == null && r == null;
                return switch (op) {
                    case "eq" -> bothNull;
                    case "ne" -> !bothNull;
                    default -> false;
                };
            }
            int c = compare(l, r);
            return switch (op) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        }
    }

    /** Compares two non-null values; a date literal turns the stored date text on the other side into a date. */
    static int compare(Object l, Object r) {
        if (l instanceof Instant || r instanceof Instant) {
            Instant a = asInstant(l);
            Instant b = asInstant(r);
            return a.compareTo(b);
        }
        if (l instanceof BigDecimal a && r instanceof BigDecimal b) {
            return a.compareTo(b);
        }
        if (l instanceof String a && r instanceof String b) {
            return a.compareToIgnoreCase(b);
        }
        if (l instanceof Boolean a && r instanceof Boolean b) {
            return a.compareTo(b);
        }
        throw new ODataQueryException("A binary operator with incompatible types was detected: "
                + typeName(l) + " and " + typeName(r) + ".");
    }

    private static Instant asInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof String s) {
            Instant i = CaFormat.parseInstant(s);
            if (i != null) {
                return i;
            }
        }
        throw new ODataQueryException("Cannot compare " + typeName(v) + " with a date.");
    }

    private static String typeName(Object v) {
        if (v instanceof BigDecimal) {
            return "Edm.Decimal";
        }
        if (v instanceof String) {
            return "Edm.String";
        }
        if (v instanceof Boolean) {
            return "Edm.Boolean";
        }
        if (v instanceof Instant) {
            return "Edm.DateTimeOffset";
        }
        return "Collection";
    }

    record Lambda(Member collection, boolean any, String variable, Node predicate) implements Node {
        public Object eval(Scope s) {
            Object c = collection.eval(s);
            if (!(c instanceof JsonNode arr) || !arr.isArray()) {
                throw new ODataQueryException("The any/all operators need a collection.");
            }
            for (JsonNode element : arr) {
                if (predicate == null) {
                    return true;
                }
                Map<String, JsonNode> vars = new HashMap<>(s.variables);
                vars.put(variable, element);
                boolean hit = Boolean.TRUE.equals(predicate.eval(new Scope(s.entity, vars)));
                if (any == hit) {
                    return any;
                }
            }
            return !any;
        }
    }

    record Call(String name, List<Node> args) implements Node {
        public Object eval(Scope s) {
            List<Object> values = new ArrayList<>();
            for (Node a : args) {
                values.add(a.eval(s));
            }
            return FUNCTIONS.get(name).apply(values);
        }
    }

    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("contains", 2), Map.entry("startswith", 2), Map.entry("endswith", 2),
            Map.entry("tolower", 1), Map.entry("toupper", 1), Map.entry("trim", 1), Map.entry("length", 1),
            Map.entry("indexof", 2), Map.entry("year", 1), Map.entry("month", 1), Map.entry("day", 1),
            Map.entry("hour", 1), Map.entry("minute", 1), Map.entry("second", 1), Map.entry("floor", 1),
            Map.entry("ceiling", 1), Map.entry("round", 1));

    private static final Map<String, Function<List<Object>, Object>> FUNCTIONS = Map.ofEntries(
            Map.entry("contains", a -> strings(a, (x, y) -> x.toLowerCase(Locale.ROOT).contains(y.toLowerCase(Locale.ROOT)))),
            Map.entry("startswith", a -> strings(a, (x, y) -> x.toLowerCase(Locale.ROOT).startsWith(y.toLowerCase(Locale.ROOT)))),
            Map.entry("endswith", a -> strings(a, (x, y) -> x.toLowerCase(Locale.ROOT).endsWith(y.toLowerCase(Locale.ROOT)))),
            Map.entry("indexof", a -> a.get(0) == null ? null
                    : BigDecimal.valueOf(text(a.get(0)).toLowerCase(Locale.ROOT).indexOf(text(a.get(1)).toLowerCase(Locale.ROOT)))),
            Map.entry("tolower", a -> a.get(0) == null ? null : text(a.get(0)).toLowerCase(Locale.ROOT)),
            Map.entry("toupper", a -> a.get(0) == null ? null : text(a.get(0)).toUpperCase(Locale.ROOT)),
            Map.entry("trim", a -> a.get(0) == null ? null : text(a.get(0)).trim()),
            Map.entry("length", a -> a.get(0) == null ? null : BigDecimal.valueOf(text(a.get(0)).length())),
            Map.entry("year", a -> datePart(a.get(0), ZonedDateTime::getYear)),
            Map.entry("month", a -> datePart(a.get(0), ZonedDateTime::getMonthValue)),
            Map.entry("day", a -> datePart(a.get(0), ZonedDateTime::getDayOfMonth)),
            Map.entry("hour", a -> datePart(a.get(0), ZonedDateTime::getHour)),
            Map.entry("minute", a -> datePart(a.get(0), ZonedDateTime::getMinute)),
            Map.entry("second", a -> datePart(a.get(0), ZonedDateTime::getSecond)),
            Map.entry("floor", a -> a.get(0) == null ? null : number(a.get(0)).setScale(0, RoundingMode.FLOOR)),
            Map.entry("ceiling", a -> a.get(0) == null ? null : number(a.get(0)).setScale(0, RoundingMode.CEILING)),
            Map.entry("round", a -> a.get(0) == null ? null : number(a.get(0)).setScale(0, RoundingMode.HALF_UP)));

    private static Object strings(List<Object> a, java.util.function.BiPredicate<String, String> test) {
        if (a.get(0) == null || a.get(1) == null) {
            return false;
        }
        return test.test(text(a.get(0)), text(a.get(1)));
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new ODataQueryException("A string function was given " + typeName(v) + ".");
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        throw new ODataQueryException("A numeric function was given " + typeName(v) + ".");
    }

    private static Object datePart(Object v, Function<ZonedDateTime, Integer> part) {
        if (v == null) {
            return null;
        }
        return BigDecimal.valueOf(part.apply(asInstant(v).atZone(ZoneOffset.UTC)));
    }

    // ---------------------------------------------------------------- lexing and parsing

    enum Kind { OPEN, CLOSE, COMMA, COLON, SLASH, STRING, NUMBER, DATE, WORD, END }

    record Token(Kind kind, String text, int at) {
    }

    private static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[mMdDfFlL]?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final List<String> COMPARISONS = List.of("eq", "ne", "gt", "ge", "lt", "le");

    private static final class Parser {
        private final String text;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;

        Parser(String text) {
            this.text = text;
            lex();
        }

        ODataQueryException error(String what) {
            return new ODataQueryException("The query specified in the URI is not valid. Syntax error in $filter at position "
                    + peek().at + ": " + what + ".");
        }

        private void lex() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                Kind single = switch (c) {
                    case '(' -> Kind.OPEN;
                    case ')' -> Kind.CLOSE;
                    case ',' -> Kind.COMMA;
                    case ':' -> Kind.COLON;
                    case '/' -> Kind.SLASH;
                    default -> null;
                };
                if (single != null) {
                    tokens.add(new Token(single, String.valueOf(c), i));
                    i++;
                } else if (c == '\'') {
                    StringBuilder sb = new StringBuilder();
                    int j = i + 1;
                    while (true) {
                        if (j >= text.length()) {
                            throw new ODataQueryException("The query specified in the URI is not valid. "
                                    + "Unterminated string literal at position " + i + " in $filter.");
                        }
                        char d = text.charAt(j);
                        if (d == '\'') {
                            if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                                sb.append('\'');
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        sb.append(d);
                        j++;
                    }
                    tokens.add(new Token(Kind.STRING, sb.toString(), i));
                    i = j + 1;
                } else {
                    Matcher m = DATE.matcher(text).region(i, text.length());
                    if (m.lookingAt()) {
                        tokens.add(new Token(Kind.DATE, m.group(), i));
                        i = m.end();
                        continue;
                    }
                    m = NUMBER.matcher(text).region(i, text.length());
                    if (m.lookingAt()) {
                        tokens.add(new Token(Kind.NUMBER, m.group(), i));
                        i = m.end();
                        continue;
                    }
                    m = WORD.matcher(text).region(i, text.length());
                    if (m.lookingAt()) {
                        tokens.add(new Token(Kind.WORD, m.group(), i));
                        i = m.end();
                        continue;
                    }
                    throw new ODataQueryException("The query specified in the URI is not valid. Unexpected character '"
                            + c + "' at position " + i + " in $filter.");
                }
            }
            tokens.add(new Token(Kind.END, "end of $filter", text.length()));
        }

        Token peek() {
            return tokens.get(pos);
        }

        Token next() {
            return tokens.get(pos++);
        }

        boolean keyword(String word) {
            Token t = peek();
            if (t.kind == Kind.WORD && t.text.equalsIgnoreCase(word)) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(Kind kind) {
            if (peek().kind != kind) {
                throw error("expected " + kind.name().toLowerCase(Locale.ROOT) + " but found '" + peek().text + "'");
            }
            pos++;
        }

        Node orExpr() {
            Node left = andExpr();
            while (keyword("or")) {
                left = new Logical(false, left, andExpr());
            }
            return left;
        }

        Node andExpr() {
            Node left = comparison();
            while (keyword("and")) {
                left = new Logical(true, left, comparison());
            }
            return left;
        }

        Node comparison() {
            Node left = unary();
            Token t = peek();
            if (t.kind == Kind.WORD && COMPARISONS.contains(t.text.toLowerCase(Locale.ROOT))) {
                pos++;
                return new Comparison(t.text.toLowerCase(Locale.ROOT), left, unary());
            }
            return left;
        }

        Node unary() {
            if (keyword("not")) {
                return new Not(unary());
            }
            return primary();
        }

        Node primary() {
            Token t = next();
            switch (t.kind) {
                case OPEN -> {
                    Node inner = orExpr();
                    expect(Kind.CLOSE);
                    return inner;
                }
                case STRING -> {
                    return new Literal(t.text);
                }
                case NUMBER -> {
                    return new Literal(new BigDecimal(t.text.replaceAll("[mMdDfFlL]$", "")));
                }
                case DATE -> {
                    Instant i = CaFormat.parseInstant(t.text);
                    if (i == null) {
                        pos--;
                        throw error("'" + t.text + "' is not a valid date");
                    }
                    return new Literal(i);
                }
                case WORD -> {
                    return word(t);
                }
                default -> {
                    pos--;
                    throw error("unexpected '" + t.text + "'");
                }
            }
        }

        private Node word(Token t) {
            String lower = t.text.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "true", "false" -> {
                    return new Literal(Boolean.parseBoolean(lower));
                }
                case "null" -> {
                    return new Literal(null);
                }
                case "and", "or", "eq", "ne", "gt", "ge", "lt", "le" -> {
                    pos--;
                    throw error("unexpected '" + t.text + "'");
                }
                default -> {
                }
            }
            if (peek().kind == Kind.OPEN) {
                if (!ARITY.containsKey(lower)) {
                    pos--;
                    throw error("unknown function '" + t.text + "'");
                }
                pos++;
                List<Node> args = new ArrayList<>();
                if (peek().kind != Kind.CLOSE) {
                    args.add(orExpr());
                    while (peek().kind == Kind.COMMA) {
                        pos++;
                        args.add(orExpr());
                    }
                }
                expect(Kind.CLOSE);
                if (args.size() != ARITY.get(lower)) {
                    throw error("function '" + t.text + "' takes " + ARITY.get(lower) + " argument(s)");
                }
                return new Call(lower, args);
            }
            List<String> path = new ArrayList<>();
            path.add(t.text);
            while (peek().kind == Kind.SLASH) {
                pos++;
                Token seg = next();
                if (seg.kind != Kind.WORD) {
                    pos--;
                    throw error("expected a property name after '/'");
                }
                String segLower = seg.text.toLowerCase(Locale.ROOT);
                if ((segLower.equals("any") || segLower.equals("all")) && peek().kind == Kind.OPEN) {
                    return lambda(new Member(path), segLower.equals("any"));
                }
                path.add(seg.text);
            }
            return new Member(path);
        }

        private Node lambda(Member collection, boolean any) {
            expect(Kind.OPEN);
            if (peek().kind == Kind.CLOSE && any) {
                pos++;
                return new Lambda(collection, true, null, null);
            }
            Token variable = next();
            if (variable.kind != Kind.WORD) {
                pos--;
                throw error("expected a lambda variable");
            }
            expect(Kind.COLON);
            Node predicate = orExpr();
            expect(Kind.CLOSE);
            return new Lambda(collection, any, variable.text, predicate);
        }
    }
}
