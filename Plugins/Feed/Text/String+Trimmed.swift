extension String {
    /// The text without leading and trailing whitespace. Works on bytes for the common ASCII
    /// case (Foundation's trimming is far slower on this hot path).
    var trimmed: String {
        let bytes = utf8
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !isASCIISpace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isASCIISpace($0) })!
        let result = String(self[first...last])
        // Rare: a non-ASCII space (no-break, ideographic ...) at an end.
        if bytes[first] >= 0x80 || bytes[last] >= 0x80,
           result.unicodeScalars.first?.properties.isWhitespace == true || result.unicodeScalars.last?.properties.isWhitespace == true {
            let scalars = result.unicodeScalars
            guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
            return String(result[start...end])
        }
        return result
    }
}
