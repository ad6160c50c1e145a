/// Parses the watchlist query language, with errors that point at a column.
///
///     query   := or
///     or      := and ("OR" and)*
///     and     := unary ("AND"? unary)*        two terms side by side mean AND
///     unary   := "NOT" unary | primary
///     primary := word | "phrase" | "(" or ")"
///
/// Operators are upper case; a trailing `*` makes a word a prefix (also inside phrases).
public enum QueryParser {
    /// A query that cannot be parsed: what is wrong, and the 1-based column (in Unicode scalars).
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public let column: Int
        public let message: String
        public var description: String { "column \(column): \(message)" }
    }

    public static func parse(_ text: String) throws(Failure) -> Query {
        var parser = Parser(tokens: try tokenize(text), end: text.unicodeScalars.count + 1)
        guard !parser.tokens.isEmpty else { throw Failure(column: 1, message: "the query is empty") }
        let query = try parser.or()
        if let extra = parser.peek {
            throw Failure(column: extra.column, message: extra.kind == .close ? "a ) without its (" : "unexpected \(extra.text)")
        }
        return query
    }

    struct Token {
        enum Kind { case word, phrase, open, close, and, or, not }
        let kind: Kind
        let text: String
        let column: Int
    }

    static func tokenize(_ text: String) throws(Failure) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let column = index + 1
            if scalar.properties.isWhitespace {
                index += 1
            } else if scalar == "(" || scalar == ")" {
                tokens.append(Token(kind: scalar == "(" ? .open : .close, text: String(scalar), column: column))
                index += 1
            } else if scalar == "\"" {
                guard let close = scalars[(index + 1)...].firstIndex(of: "\"") else {
                    throw Failure(column: column, message: "a phrase without its closing quote")
                }
                var phrase = String.UnicodeScalarView()
                phrase.append(contentsOf: scalars[(index + 1)..<close])
                let text = String(phrase).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard !text.isEmpty else { throw Failure(column: column, message: "an empty phrase") }
                try checkWildcards(text, column: column + 1)
                tokens.append(Token(kind: .phrase, text: text, column: column))
                index = close + 1
            } else {
                var end = index
                while end < scalars.count, !scalars[end].properties.isWhitespace, !"()\"".unicodeScalars.contains(scalars[end]) {
                    end += 1
                }
                var word = String.UnicodeScalarView()
                word.append(contentsOf: scalars[index..<end])
                let text = String(word)
                let kind: Token.Kind = switch text {
                case "AND": .and
                case "OR": .or
                case "NOT": .not
                default: .word
                }
                if kind == .word { try checkWildcards(text, column: column) }
                tokens.append(Token(kind: kind, text: text, column: column))
                index = end
            }
        }
        return tokens
    }

    /// A `*` may only end a word, and a word needs more than the `*`.
    private static func checkWildcards(_ text: String, column: Int) throws(Failure) {
        var offset = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let star = word.unicodeScalars.firstIndex(of: "*") {
                let position = word.unicodeScalars.distance(from: word.unicodeScalars.startIndex, to: star)
                if position != word.unicodeScalars.count - 1 {
                    throw Failure(column: column + offset + position, message: "a * may only end a word")
                }
                if position == 0 {
                    throw Failure(column: column + offset, message: "a * needs the start of a word before it")
                }
            }
            offset += word.unicodeScalars.count + 1
        }
    }

    struct Parser {
        let tokens: [Token]
        let end: Int
        var position = 0

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func or() throws(Failure) -> Query {
            var parts = [try and()]
            while let token = peek, token.kind == .or {
                position += 1
                guard peek != nil, peek?.kind != .close, peek?.kind != .or, peek?.kind != .and else {
                    throw Failure(column: peek?.column ?? end, message: "OR needs a term after it")
                }
                parts.append(try and())
            }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        mutating func and() throws(Failure) -> Query {
            var parts = [try unary()]
            while let token = peek, token.kind != .or, token.kind != .close {
                if token.kind == .and {
                    position += 1
                    guard let next = peek, next.kind != .close, next.kind != .or, next.kind != .and else {
                        throw Failure(column: peek?.column ?? end, message: "AND needs a term after it")
                    }
                }
                parts.append(try unary())
            }
            return parts.count == 1 ? parts[0] : .and(parts)
        }

        mutating func unary() throws(Failure) -> Query {
            guard let token = peek else { throw Failure(column: end, message: "the query ends where a term should be") }
            if token.kind == .not {
                position += 1
                guard let next = peek, next.kind != .close, next.kind != .or, next.kind != .and else {
                    throw Failure(column: peek?.column ?? end, message: "NOT needs a term after it")
                }
                return .not(try unary())
            }
            return try primary()
        }

        mutating func primary() throws(Failure) -> Query {
            guard let token = peek else { throw Failure(column: end, message: "the query ends where a term should be") }
            switch token.kind {
            case .word, .phrase:
                position += 1
                return .term(QueryTerm(written: token.text))
            case .open:
                position += 1
                guard let next = peek, next.kind != .close else {
                    throw Failure(column: peek?.column ?? end, message: "empty parentheses")
                }
                let inner = try or()
                guard let close = peek, close.kind == .close else {
                    throw Failure(column: token.column, message: "a ( without its )")
                }
                position += 1
                return inner
            case .close:
                throw Failure(column: token.column, message: "a ) without its (")
            case .and, .or:
                throw Failure(column: token.column, message: "\(token.text) needs a term before it")
            case .not:
                return try unary()
            }
        }
    }
}
