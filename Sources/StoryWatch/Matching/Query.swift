/// A watchlist query: terms, "quoted phrases", `prefix*`, `AND`, `OR`, `NOT` and parentheses;
/// two terms side by side mean AND. Parsed by `QueryParser`.
public indirect enum Query: Sendable, Hashable {
    case term(QueryTerm)
    case and([Query])
    case or([Query])
    case not(Query)

    /// Every term in the query, in order of appearance, without repeats.
    public var terms: [QueryTerm] {
        var seen = Set<QueryTerm>()
        var terms: [QueryTerm] = []
        func visit(_ query: Query) {
            switch query {
            case .term(let term): if seen.insert(term).inserted { terms.append(term) }
            case .and(let parts), .or(let parts): parts.forEach(visit)
            case .not(let part): visit(part)
            }
        }
        visit(self)
        return terms
    }

    /// The terms that would not make the query fail by their absence (those not under NOT).
    public var positiveTerms: [QueryTerm] {
        switch self {
        case .term(let term): [term]
        case .and(let parts), .or(let parts): parts.flatMap(\.positiveTerms)
        case .not: []
        }
    }

    /// Whether the query holds when exactly the terms in `present` occur.
    public func matches(_ present: Set<QueryTerm>) -> Bool {
        switch self {
        case .term(let term): present.contains(term)
        case .and(let parts): parts.allSatisfy { $0.matches(present) }
        case .or(let parts): parts.contains { $0.matches(present) }
        case .not(let part): !part.matches(present)
        }
    }
}

/// A word or phrase of a query, as normalised for matching.
public struct QueryTerm: Sendable, Hashable, CustomStringConvertible {
    /// One word of the term; `isPrefix` when written with a trailing `*`.
    public struct Word: Sendable, Hashable {
        public let text: String
        public let isPrefix: Bool
    }

    /// The term as written in the query (without quotes), as alerts report it.
    public let written: String
    /// Its words, folded as `TextFolder` folds the text it is matched against.
    public let words: [Word]

    public init(written: String) {
        self.written = written
        words = written.split(whereSeparator: \.isWhitespace).map { word in
            let isPrefix = word.hasSuffix("*")
            let stem = isPrefix ? word.dropLast() : word[...]
            return Word(text: String(decoding: TextFolder.shared.fold(String(stem)), as: UTF8.self), isPrefix: isPrefix)
        }
    }

    public var description: String { written }
}
