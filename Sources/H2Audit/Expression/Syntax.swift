/// An error in an expression, at a character offset of its text.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
    public var description: String { "column \(offset + 1): \(message)" }
}

/// Tokens of the expression language.
enum Token: Equatable {
    case number(Double)
    case quantity(Double, String)
    case string(String)
    case identifier(String)
    case symbol(String)
    case end
}

struct Lexeme {
    let token: Token
    let offset: Int
    /// Offset just past the token.
    var end: Int = 0
}

/// Splits expression text into tokens. A number followed by a known unit
/// symbol (`82 MPa`, `25 %LFL`) is one quantity token.
struct Lexer {
    static let unitSymbols: [[Character]] = UnitTable.symbols.map(Array.init).sorted { $0.count > $1.count }
    static let symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "?", ":", ".", ",", "(", ")", "[", "]"]

    static func tokenize(_ text: String) throws(ExpressionError) -> [Lexeme] {
        let chars = Array(text)
        var i = 0
        var out: [Lexeme] = []
        func isIdentStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isIdent(_ c: Character) -> Bool { isIdentStart(c) || (c.isASCII && c.isNumber) }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            let start = i
            if c.isASCII && c.isNumber {
                while i < chars.count, chars[i].isASCII && (chars[i].isNumber || chars[i] == "_") { i += 1 }
                if i + 1 < chars.count, chars[i] == ".", chars[i + 1].isNumber {
                    i += 1
                    while i < chars.count, chars[i].isASCII && chars[i].isNumber { i += 1 }
                }
                let digits = String(chars[start..<i]).replacingOccurrences(of: "_", with: "")
                guard let value = Double(digits) else { throw ExpressionError("bad number '\(digits)'", at: start) }
                // A unit follows after optional spaces?
                var j = i
                while j < chars.count, chars[j] == " " { j += 1 }
                if let unit = unitSymbols.first(where: { sym in
                    j + sym.count <= chars.count && Array(chars[j..<(j + sym.count)]) == sym
                        && (j + sym.count == chars.count || !isIdent(chars[j + sym.count]) || !isIdent(sym.last!))
                }) {
                    i = j + unit.count
                    out.append(Lexeme(token: .quantity(value, String(unit)), offset: start, end: i))
                } else {
                    out.append(Lexeme(token: .number(value), offset: start, end: i))
                }
                continue
            }
            if isIdentStart(c) {
                while i < chars.count, isIdent(chars[i]) { i += 1 }
                out.append(Lexeme(token: .identifier(String(chars[start..<i])), offset: start, end: i))
                continue
            }
            if c == "'" || c == "\"" {
                i += 1
                var value = ""
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    value.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw ExpressionError("string is not closed", at: start) }
                i += 1
                out.append(Lexeme(token: .string(value), offset: start, end: i))
                continue
            }
            if let sym = symbols.first(where: { s in
                let s = Array(s)
                return i + s.count <= chars.count && Array(chars[i..<(i + s.count)]) == s
            }) {
                i += sym.count
                out.append(Lexeme(token: .symbol(sym), offset: start, end: i))
                continue
            }
            throw ExpressionError("unexpected character '\(c)'", at: start)
        }
        out.append(Lexeme(token: .end, offset: chars.count, end: chars.count))
        return out
    }
}

/// The untyped syntax tree.
indirect enum Syntax {
    case bool(Bool)
    case number(Double)
    case quantity(Double, String)
    case string(String)
    case list([Node])
    case identifier(String)
    case member(Node, String)
    case call(String, [Node])
    case method(Node, String, [Node])
    case unary(String, Node)
    case binary(String, Node, Node)
    case ternary(Node, Node, Node)
}

struct Node {
    let syntax: Syntax
    /// Where errors about this node point (an operator's own position).
    let offset: Int
    /// The text this node covers, for explanations.
    var span: Range<Int> = 0..<0
    init(_ syntax: Syntax, _ offset: Int) {
        self.syntax = syntax
        self.offset = offset
    }
}

/// Recursive-descent parser. Nesting is bounded so that hostile packs
/// cannot exhaust the stack.
struct Parser {
    static let maxDepth = 64
    var tokens: [Lexeme]
    var position = 0
    var depth = 0

    /// Most tokens in one expression. A flat chain (`a && a && …`) is parsed
    /// in a loop but gives a tree as deep as it is long, which the type
    /// checker and the compiled closures walk recursively: 20,000 terms
    /// overflowed the stack (SIGSEGV). The longest shipped expression has
    /// a few dozen tokens.
    static let maxTokens = 4_096

    static func parse(_ text: String) throws(ExpressionError) -> Node {
        let tokens = try Lexer.tokenize(text)
        var parser = Parser(tokens: tokens)
        let node = try parser.expression()  // nesting is bounded here, so errors of nesting come first
        guard case .end = parser.peek.token else {
            throw ExpressionError("unexpected \(parser.describe(parser.peek.token)) after the end of the expression", at: parser.peek.offset)
        }
        if tokens.count > maxTokens {
            throw ExpressionError("expression has \(tokens.count) tokens, more than the limit of \(maxTokens)", at: tokens[maxTokens].offset)
        }
        return node
    }

    var peek: Lexeme { tokens[position] }

    var lastEnd = 0

    mutating func advance() -> Lexeme {
        let lexeme = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        lastEnd = lexeme.end
        return lexeme
    }

    /// Records the text a node spans, from `start` to the last token consumed.
    func spanned(_ node: Node, from start: Int) -> Node {
        var node = node
        node.span = start..<max(start, lastEnd)
        return node
    }

    func describe(_ token: Token) -> String {
        switch token {
        case .number(let n): return "number \(QuantityText.number(n))"
        case .quantity(let n, let u): return "quantity \(QuantityText.number(n)) \(u)"
        case .string(let s): return "string '\(s)'"
        case .identifier(let s): return "'\(s)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    mutating func accept(_ symbol: String) -> Bool {
        if case .symbol(symbol) = peek.token { _ = advance(); return true }
        return false
    }

    mutating func expect(_ symbol: String) throws(ExpressionError) {
        guard accept(symbol) else {
            throw ExpressionError("expected '\(symbol)', found \(describe(peek.token))", at: peek.offset)
        }
    }

    mutating func expression() throws(ExpressionError) -> Node {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth { throw ExpressionError("expression nested more than \(Parser.maxDepth) levels", at: peek.offset) }
        let start = peek.offset
        let condition = try binary(0)
        if case .symbol("?") = peek.token {
            let at = advance().offset
            let then = try expression()
            try expect(":")
            let otherwise = try expression()
            return spanned(Node(.ternary(condition, then, otherwise), at), from: start)
        }
        return condition
    }

    static let levels: [[String]] = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">=", "in"], ["+", "-"], ["*", "/"]]

    mutating func binary(_ level: Int) throws(ExpressionError) -> Node {
        if level == Parser.levels.count { return try unary() }
        let start = peek.offset
        let first = try binary(level + 1)  // evaluate before `spanned` reads `lastEnd`
        var left = spanned(first, from: start)
        while true {
            let op: String
            switch peek.token {
            case .symbol(let s) where Parser.levels[level].contains(s): op = s
            case .identifier("in") where level == 2: op = "in"
            default: return left
            }
            let at = advance().offset
            let rightStart = peek.offset
            let parsed = try binary(level + 1)
            let right = spanned(parsed, from: rightStart)
            left = spanned(Node(.binary(op, left, right), at), from: start)
            if level == 2, case .symbol(let s) = peek.token, Parser.levels[2].contains(s) {
                throw ExpressionError("comparisons do not chain; use && between them", at: peek.offset)
            }
        }
    }

    mutating func unary() throws(ExpressionError) -> Node {
        if case .symbol(let s) = peek.token, s == "!" || s == "-" {
            let at = advance().offset
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw ExpressionError("expression nested too deeply", at: at) }
            return Node(.unary(s, try unary()), at)
        }
        return try postfix()
    }

    mutating func postfix() throws(ExpressionError) -> Node {
        var node = try primary()
        while accept(".") {
            let lexeme = advance()
            guard case .identifier(let name) = lexeme.token else {
                throw ExpressionError("expected a field or method name after '.', found \(describe(lexeme.token))", at: lexeme.offset)
            }
            if accept("(") {
                node = Node(.method(node, name, try arguments()), lexeme.offset)
            } else {
                node = Node(.member(node, name), lexeme.offset)
            }
        }
        return node
    }

    mutating func arguments() throws(ExpressionError) -> [Node] {
        var args: [Node] = []
        if accept(")") { return args }
        repeat { args.append(try expression()) } while accept(",")
        try expect(")")
        return args
    }

    mutating func primary() throws(ExpressionError) -> Node {
        let lexeme = advance()
        switch lexeme.token {
        case .number(let n): return Node(.number(n), lexeme.offset)
        case .quantity(let n, let u): return Node(.quantity(n, u), lexeme.offset)
        case .string(let s): return Node(.string(s), lexeme.offset)
        case .identifier("true"): return Node(.bool(true), lexeme.offset)
        case .identifier("false"): return Node(.bool(false), lexeme.offset)
        case .identifier(let name):
            if accept("(") { return Node(.call(name, try arguments()), lexeme.offset) }
            return Node(.identifier(name), lexeme.offset)
        case .symbol("("):
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("["):
            var items: [Node] = []
            if !accept("]") {
                repeat { items.append(try expression()) } while accept(",")
                try expect("]")
            }
            return Node(.list(items), lexeme.offset)
        default:
            throw ExpressionError("expected a value, found \(describe(lexeme.token))", at: lexeme.offset)
        }
    }
}
