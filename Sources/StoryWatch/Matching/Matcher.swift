/// Matches items against every watchlist at once: all terms of all watchlists go into one
/// automaton, each field of an item is folded and scanned once, and each watchlist's query is
/// then decided on the set of terms found.
///
/// Alphabetic terms match whole words (a prefix term only needs to start one); Hangul and CJK
/// terms match anywhere, since Korean attaches particles to words (북한군이 contains 북한군).
public final class Matcher: Sendable {
    /// Which field of an item a match was found in, in the order they are searched.
    public enum Field: String, Sendable, CaseIterable {
        case title, summary, content
    }

    /// A watchlist that matched an item.
    public struct Match: Sendable, Hashable {
        public let watchlist: String
        /// The query's terms found in the item (not those under NOT), as written in the query.
        public let terms: [String]
        /// The first field, in title-summary-content order, holding one of them.
        public let field: Field
        /// The sentence around their first occurrence in that field.
        public let excerpt: String
    }

    private struct Anchor: Sendable {
        let term: Int
        let needsStartBoundary: Bool
        let needsEndBoundary: Bool
        /// Words after the automaton's pattern that must follow it (phrases with `*` inside).
        let tail: [QueryTerm.Word]
    }

    /// A watchlist's query over term numbers, for fast evaluation.
    private indirect enum Compiled: Sendable {
        case term(Int)
        case and([Compiled])
        case or([Compiled])
        case not(Compiled)

        func matches(_ present: [Bool]) -> Bool {
            switch self {
            case .term(let term): present[term]
            case .and(let parts): parts.allSatisfy { $0.matches(present) }
            case .or(let parts): parts.contains { $0.matches(present) }
            case .not(let part): !part.matches(present)
            }
        }
    }

    private struct CompiledWatchlist: Sendable {
        let name: String
        let query: Compiled
        /// The terms not under NOT, in query order, each once.
        let positiveTerms: [Int]
    }

    private let watchlists: [CompiledWatchlist]
    private let terms: [QueryTerm]
    private let automaton: TermAutomaton
    private let anchors: [[Anchor]]
    private let folder = TextFolder.shared

    public init(watchlists: [(name: String, query: Query)]) {
        var terms: [QueryTerm] = []
        var termIndex: [QueryTerm: Int] = [:]
        func number(_ term: QueryTerm) -> Int {
            if let index = termIndex[term] { return index }
            termIndex[term] = terms.count
            terms.append(term)
            return terms.count - 1
        }
        func compile(_ query: Query) -> Compiled {
            switch query {
            case .term(let term): .term(number(term))
            case .and(let parts): .and(parts.map(compile))
            case .or(let parts): .or(parts.map(compile))
            case .not(let part): .not(compile(part))
            }
        }
        self.watchlists = watchlists.map { watchlist in
            let compiled = compile(watchlist.query)
            var seen = Set<Int>()
            let positive = watchlist.query.positiveTerms.map { termIndex[$0]! }.filter { seen.insert($0).inserted }
            return CompiledWatchlist(name: watchlist.name, query: compiled, positiveTerms: positive)
        }
        var patterns: [[UInt8]] = []
        var patternIndex: [[UInt8]: Int] = [:]
        var anchors: [[Anchor]] = []
        for (index, term) in terms.enumerated() where !term.words.isEmpty {
            // The pattern runs up to the first word written with a * (included, as a stem).
            let head = term.words.prefix { !$0.isPrefix } + term.words.drop { !$0.isPrefix }.prefix(1)
            let pattern = Array(head.map(\.text).joined(separator: " ").utf8)
            let last = head.last!
            let anchor = Anchor(
                term: index,
                needsStartBoundary: Self.isWordScript(term.words[0].text.unicodeScalars.first),
                needsEndBoundary: !last.isPrefix && Self.isWordScript(last.text.unicodeScalars.last),
                tail: Array(term.words.dropFirst(head.count))
            )
            if let existing = patternIndex[pattern] {
                anchors[existing].append(anchor)
            } else {
                patternIndex[pattern] = patterns.count
                patterns.append(pattern)
                anchors.append([anchor])
            }
        }
        self.terms = terms
        self.anchors = anchors
        automaton = TermAutomaton(patterns: patterns)
    }

    /// Scripts whose words stand apart: Hangul and CJK terms match inside words.
    private static func isWordScript(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        switch value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF,  // Hangul
             0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF:  // kana, CJK
            return false
        default:
            return true
        }
    }

    /// The watchlists the item matches, in configuration order.
    public func match(title: String?, summary: String?, content: String?) -> [Match] {
        let fields: [(Field, String?)] = [(.title, title), (.summary, summary), (.content, content)]
        var present = [Bool](repeating: false, count: terms.count)
        var firstOccurrence: [Int: (field: Int, start: Int)] = [:]
        for (fieldIndex, (_, text)) in fields.enumerated() {
            guard let text, !text.isEmpty else { continue }
            for (term, start) in occurrences(in: folder.fold(text)) where !present[term] {
                present[term] = true
                firstOccurrence[term] = (fieldIndex, start)
            }
        }
        var matches: [Match] = []
        for watchlist in watchlists where watchlist.query.matches(present) {
            let found = watchlist.positiveTerms.filter { present[$0] }
            guard let first = found.compactMap({ firstOccurrence[$0] }).min(by: { ($0.field, $0.start) < ($1.field, $1.start) }),
                  let text = fields[first.field].1
            else {
                // Only NOTs: it matches an item without any of its terms, and has no excerpt.
                matches.append(Match(watchlist: watchlist.name, terms: [], field: .title, excerpt: ""))
                continue
            }
            matches.append(Match(
                watchlist: watchlist.name,
                terms: found.map { terms[$0].written },
                field: fields[first.field].0,
                excerpt: Excerpt.sentence(in: text, aroundFolded: first.start, folder: folder)
            ))
        }
        return matches
    }

    /// Each term found in folded text, with the start of its first occurrence.
    func occurrences(in folded: [UInt8]) -> [(term: Int, start: Int)] {
        var found: [(term: Int, start: Int)] = []
        automaton.scan(folded) { pattern, end in
            let start = end - automaton.lengths[pattern]
            for anchor in anchors[pattern] where !found.contains(where: { $0.term == anchor.term }) {
                guard !anchor.needsStartBoundary || !isWord(before: start, in: folded),
                      !anchor.needsEndBoundary || !isWord(at: end, in: folded),
                      tailMatches(anchor.tail, in: folded, after: end, patternIsPrefix: terms[anchor.term].words.contains(where: \.isPrefix))
                else { continue }
                found.append((anchor.term, start))
            }
        }
        return found
    }

    /// Whether the words of a phrase after its first `*` word follow at `end`: the rest of the
    /// prefixed word, one space, then each word (a whole word, or a prefix if starred).
    private func tailMatches(_ tail: [QueryTerm.Word], in text: [UInt8], after end: Int, patternIsPrefix: Bool) -> Bool {
        guard !tail.isEmpty else { return true }
        var position = end
        if patternIsPrefix {
            while position < text.count, isWord(at: position, in: text) { position = nextScalar(after: position, in: text) }
        }
        for word in tail {
            guard position < text.count, text[position] == 0x20 else { return false }
            position += 1
            let bytes = Array(word.text.utf8)
            guard position + bytes.count <= text.count, Array(text[position..<position + bytes.count]) == bytes else { return false }
            position += bytes.count
            if word.isPrefix {
                while position < text.count, isWord(at: position, in: text) { position = nextScalar(after: position, in: text) }
            } else if isWord(at: position, in: text) {
                return false
            }
        }
        return true
    }

    private func nextScalar(after index: Int, in text: [UInt8]) -> Int {
        var next = index + 1
        while next < text.count, text[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// Whether the scalar starting at `index` is part of a word.
    private func isWord(at index: Int, in text: [UInt8]) -> Bool {
        guard index < text.count else { return false }
        let lead = text[index]
        if lead < 0x80 { return folder.isWordScalar(UInt32(lead)) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= text.count else { return false }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return folder.isWordScalar(value)
    }

    /// Whether the scalar ending just before `index` is part of a word.
    private func isWord(before index: Int, in text: [UInt8]) -> Bool {
        guard index > 0 else { return false }
        var start = index - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        return isWord(at: start, in: text)
    }
}
