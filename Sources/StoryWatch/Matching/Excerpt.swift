/// The sentence around a match, as an alert's excerpt.
enum Excerpt {
    /// Longest excerpt, in characters; a longer sentence is cut around the match with `…`.
    static let maxLength = 500

    /// The sentence of `text` that holds the folded byte `foldedOffset`, whitespace collapsed.
    static func sentence(in text: String, aroundFolded foldedOffset: Int, folder: TextFolder) -> String {
        var offsets: [Int]? = []
        _ = folder.fold(text, offsets: &offsets)
        let bytes = Array(text.utf8)
        let position = min(bytes.count, offsets.flatMap { foldedOffset < $0.count ? $0[foldedOffset] : $0.last } ?? 0)
        var start = 0
        var index = position
        while index > 0 {
            index -= 1
            if let length = terminator(in: bytes, at: index), index + length <= position {
                start = index + length
                break
            }
        }
        var end = bytes.count
        index = position
        while index < bytes.count {
            if let length = terminator(in: bytes, at: index) {
                end = index + length
                break
            }
            index += 1
        }
        let sentence = collapsed(bytes[start..<end])
        guard sentence.unicodeScalars.count > maxLength else { return sentence }
        // Too long: keep a window around the match.
        let before = collapsed(bytes[start..<position]).unicodeScalars.count
        let scalars = Array(sentence.unicodeScalars)
        let from = max(0, min(before - maxLength / 3, scalars.count - (maxLength - 2)))
        let to = min(scalars.count, from + maxLength - 2)
        var window = String.UnicodeScalarView()
        window.append(contentsOf: scalars[from..<to])
        return (from > 0 ? "…" : "") + String(window) + (to < scalars.count ? "…" : "")
    }

    /// The text with runs of ASCII whitespace made one space, and none at the ends.
    private static func collapsed(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The length of the sentence end at `index`: a line break; `.`, `!`, `?` or `…` followed by
    /// whitespace or the end ("10.000" and "e.g." are not ends); or an ideographic full stop.
    private static func terminator(in bytes: [UInt8], at index: Int) -> Int? {
        func spaceOrEnd(_ next: Int) -> Bool {
            next >= bytes.count || bytes[next] == 0x20 || (0x09...0x0D).contains(bytes[next])
        }
        switch bytes[index] {
        case 0x0A: return 1
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): return spaceOrEnd(index + 1) ? 1 : nil
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA6:  // …
            return spaceOrEnd(index + 3) ? 3 : nil
        case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x82:  // 。
            return 3
        default: return nil
        }
    }
}
