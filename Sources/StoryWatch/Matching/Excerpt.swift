/// The sentence around a match, as an alert's excerpt.
enum Excerpt {
    /// Longest excerpt, in characters; a longer sentence is cut around the match with `…`.
    static let maxLength = 500

    /// The sentence of `text` that holds the folded byte `foldedOffset`.
    static func sentence(in text: String, aroundFolded foldedOffset: Int, folder: TextFolder) -> String {
        var offsets: [Int]? = []
        _ = folder.fold(text, offsets: &offsets)
        let utf8Offset = offsets.flatMap { foldedOffset < $0.count ? $0[foldedOffset] : $0.last } ?? 0
        let characters = Array(text)
        // The character index of the match.
        var matchIndex = 0
        var consumed = 0
        for (index, character) in characters.enumerated() {
            if consumed >= utf8Offset { matchIndex = index; break }
            consumed += character.utf8.count
            matchIndex = index
        }
        var start = matchIndex
        while start > 0, !endsSentence(characters, at: start - 1) { start -= 1 }
        var end = matchIndex
        while end < characters.count, !endsSentence(characters, at: end) { end += 1 }
        if end < characters.count { end += 1 }  // keep the full stop
        var sentence = Array(characters[start..<end])
        let relative = matchIndex - start
        if sentence.count > maxLength {
            let from = max(0, min(relative - maxLength / 3, sentence.count - (maxLength - 2)))
            let to = min(sentence.count, from + maxLength - 2)
            let cut = Array(sentence[from..<to])
            sentence = (from > 0 ? ["…"] : []) + cut + (to < sentence.count ? ["…"] : [])
        }
        return String(sentence).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A full stop, question or exclamation mark followed by a space, or a line break.
    private static func endsSentence(_ characters: [Character], at index: Int) -> Bool {
        let character = characters[index]
        if character == "\n" || character == "。" { return true }
        guard ".!?…".contains(character) else { return false }
        let next = index + 1
        // "10.000" and "e.g." are not ends of sentences: the mark must be followed by a space.
        return next >= characters.count || characters[next].isWhitespace
    }
}
