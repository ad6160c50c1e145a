/// Finds a claim's figure in text: a number in the same sentence as a subject term and within
/// a few words of a unit term, in the ways Dutch, English, Korean, Ukrainian and Russian write
/// numbers: `10.000`, `10,000`, `10 000`, `1,5 miljoen`, `1.5 million`, `1만 2천 명`,
/// `12,000명`, `12 тисяч`, `12 тысяч`.
public struct FigureParser: Sendable {
    public struct Figure: Sendable, Equatable {
        public let value: Double
        public let sentence: String
    }

    private let subjects: [QueryTerm]
    private let units: [QueryTerm]
    private let minimum: Double
    /// How many words may stand between the number and its unit.
    static let unitDistance = 4

    public init(claim: FiguresOptions.Claim) {
        subjects = claim.subject.map { QueryTerm(written: $0) }
        units = claim.unit.map { QueryTerm(written: $0) }
        minimum = claim.min ?? 0
    }

    /// The first figure of the claim in `text`, sentence by sentence.
    public func firstFigure(in text: String) -> Figure? {
        for sentence in Self.sentences(text) {
            let words = Self.words(in: sentence)
            guard subjects.contains(where: { Self.find($0, in: words, from: 0) != nil }) else { continue }
            var index = 0
            while index < words.count {
                guard let (value, used) = Self.number(in: words, at: index) else {
                    index += 1
                    continue
                }
                let after = index + used
                let attached = Self.suffix(of: words[after - 1])
                let window = Array(words[after..<min(words.count, after + Self.unitDistance)])
                let hasUnit = units.contains { unit in
                    (!attached.isEmpty && Self.matches(unit, [attached], at: 0)) || Self.find(unit, in: window, from: 0) != nil
                }
                // A bare 19xx or 20xx is a year ("In 2024 North Korean troops ..."), not a count.
                let isYear = used == 1 && words[index].count == 4 && words[index].allSatisfy(\.isNumber) && (1900...2099).contains(value)
                if hasUnit, value >= minimum, !isYear {
                    return Figure(value: value, sentence: sentence)
                }
                index = after
            }
        }
        return nil
    }

    // MARK: Words

    /// Sentences: split after `.`, `!`, `?` followed by a space, and at line breaks.
    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if (".!?".contains(previous) && character.isWhitespace) || character.isNewline {
                let trimmed = current.trimmingWhitespace
                if !trimmed.isEmpty { sentences.append(trimmed) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        let trimmed = current.trimmingWhitespace
        if !trimmed.isEmpty { sentences.append(trimmed) }
        return sentences
    }

    /// The sentence folded and split into words; punctuation around words goes, but not the
    /// separators inside numbers (`10.000`, `1,5`).
    public static func words(in sentence: String) -> [String] {
        let folded = String(decoding: TextFolder.shared.fold(sentence), as: UTF8.self)
        return folded.split(separator: " ").compactMap { raw in
            let word = raw.trimmingCharacters { !$0.isLetter && !$0.isNumber && $0 != "*" }
            return word.isEmpty ? nil : word
        }
    }

    /// Where the term's words start in `words`, searching from `start`.
    static func find(_ term: QueryTerm, in words: [String], from start: Int) -> Int? {
        guard !term.words.isEmpty, words.count >= term.words.count else { return nil }
        for index in start...(words.count - term.words.count) where matches(term, words, at: index) {
            return index
        }
        return nil
    }

    static func matches(_ term: QueryTerm, _ words: [String], at index: Int) -> Bool {
        for (offset, part) in term.words.enumerated() {
            let word = words[index + offset]
            let hangul = part.text.unicodeScalars.first.map { (0xAC00...0xD7AF).contains($0.value) } ?? false
            if hangul {
                guard word.contains(part.text) else { return false }  // Korean particles attach
            } else if part.isPrefix {
                guard word.hasPrefix(part.text) else { return false }
            } else {
                guard word == part.text else { return false }
            }
        }
        return true
    }

    // MARK: Numbers

    private static let multipliers: [String: Double] = [
        "thousand": 1e3, "duizend": 1e3, "тисяч": 1e3, "тисячі": 1e3, "тисяча": 1e3, "тис": 1e3,
        "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "тыс": 1e3,
        "million": 1e6, "millions": 1e6, "miljoen": 1e6, "mln": 1e6, "мільйон": 1e6, "мільйона": 1e6,
        "мільйонів": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    ]

    /// A number starting at `words[index]`, and how many words it took: digits with thousands
    /// separators (`.`, `,`, or a space between groups of three), a decimal part before a
    /// multiplier word, Korean 만/천/백 (`1만 2천`), and a unit attached (`12,000명`).
    public static func number(in words: [String], at index: Int) -> (Double, Int)? {
        let first = words[index]
        guard first.first?.isNumber == true else { return nil }
        if let korean = koreanNumber(words, at: index) { return korean }
        var digits = leadingNumber(first)
        guard !digits.isEmpty else { return nil }
        var used = 1
        // "10 000": a following group of exactly three digits continues the number.
        while index + used < words.count, words[index + used].count == 3, words[index + used].allSatisfy(\.isNumber),
              !digits.contains(".") && !digits.contains(",") || digits.count <= 3 {
            digits += words[index + used]
            used += 1
        }
        var value: Double
        let next = index + used < words.count ? words[index + used] : ""
        if let multiplier = multipliers[next] ?? multipliers[String(next.prefix { $0.isLetter })] {
            // "1,5 miljoen", "1.5 million", "12 тисяч": the separator is a decimal point.
            value = (Double(digits.replacingOccurrences(of: ",", with: ".")) ?? Double(digits.filter(\.isNumber)) ?? 0) * multiplier
            used += 1
        } else {
            value = Double(groupedInteger(digits) ?? 0)
        }
        if value.isNaN { value = 0 }
        return (value, used)
    }

    /// Digits with `.` and `,` between them, as written at the start of a word.
    private static func leadingNumber(_ word: String) -> String {
        var result = ""
        for character in word {
            if character.isNumber || ((character == "." || character == ",") && !result.isEmpty) {
                result.append(character)
            } else {
                break
            }
        }
        while result.last == "." || result.last == "," { result.removeLast() }
        return result
    }

    /// `10.000`, `10,000`, `1.234.567` as integers: separators between groups of three.
    private static func groupedInteger(_ digits: String) -> Int? {
        let groups = digits.split(whereSeparator: { $0 == "." || $0 == "," })
        if groups.count > 1, groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            return Int(groups.joined())
        }
        return Int(groups.first ?? "")
    }

    /// `1만 2천`, `1만2천명`, `3천`, `1만`.
    private static func koreanNumber(_ words: [String], at index: Int) -> (Double, Int)? {
        var total = 0.0
        var used = 0
        var found = false
        while index + used < words.count {
            let word = words[index + used]
            var rest = Substring(word)
            var progressed = false
            while let first = rest.first, first.isNumber {
                let digits = rest.prefix { $0.isNumber || $0 == "," }
                rest = rest.dropFirst(digits.count)
                let value = Double(digits.filter(\.isNumber)) ?? 0
                guard let unit = rest.first, let scale = ["만": 1e4, "천": 1e3, "백": 1e2][unit] else {
                    if found { total += value; progressed = true }
                    break
                }
                total += value * scale
                rest = rest.dropFirst()
                found = true
                progressed = true
            }
            guard progressed else { break }
            used += 1
            if !(rest.isEmpty) { break }  // "2천명": the unit is attached
        }
        return found ? (total, used) : nil
    }

    /// What follows the number in its own word: `명` in `12,000명`.
    static func suffix(of word: String) -> String {
        String(word.drop { $0.isNumber || $0 == "." || $0 == "," || $0 == "만" || $0 == "천" || $0 == "백" })
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

private extension Substring {
    func trimmingCharacters(_ predicate: (Character) -> Bool) -> String {
        String(drop(while: predicate).reversed().drop(while: predicate).reversed())
    }
}
