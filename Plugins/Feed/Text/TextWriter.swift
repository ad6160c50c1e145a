/// Builds plain text as UTF-8, collapsing every run of whitespace to one space and dropping it
/// at both ends. Whitespace is what Python's `str.split()` splits on, so no-break and
/// ideographic spaces count too.
struct TextWriter {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// A word boundary: one space, if text comes before and after it.
    mutating func space() {
        pendingSpace = !bytes.isEmpty
    }

    /// Appends UTF-8 text, collapsing its whitespace. Runs of ordinary bytes are copied whole;
    /// only ASCII whitespace and the lead bytes of the non-ASCII spaces stop a run.
    mutating func write(_ text: UnsafeBufferPointer<UInt8>) {
        let count = text.count
        var index = 0
        while index < count {
            var end = index
            while end < count, !Self.mayStartSpace(text[end]) { end += 1 }
            if end > index {
                flushSpace()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<end]))
                index = end
                continue
            }
            let length = Self.spaceLength(text, at: index)
            if length > 0 {
                space()
                index += length
            } else {
                flushSpace()
                bytes.append(text[index])
                index += 1
            }
        }
    }

    mutating func write(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { write($0) }
    }

    /// The text written, or nil if it is empty.
    var string: String? {
        bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private mutating func flushSpace() {
        if pendingSpace {
            bytes.append(0x20)
            pendingSpace = false
        }
    }

    /// ASCII whitespace, or a lead byte that may begin U+0085, U+00A0, U+1680, U+2000-U+200A,
    /// U+2028, U+2029, U+202F, U+205F or U+3000.
    @inline(__always)
    private static func mayStartSpace(_ byte: UInt8) -> Bool {
        byte <= 0x20 ? (byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte))
            : byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3
    }

    /// The length of the whitespace character at `index`, or 0 if there is none.
    private static func spaceLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = text[index]
        if byte < 0x80 { return 1 }
        func at(_ offset: Int) -> UInt8 { index + offset < text.count ? text[index + offset] : 0 }
        switch (byte, at(1), at(2)) {
        case (0xC2, 0x85, _), (0xC2, 0xA0, _): return 2
        case (0xE1, 0x9A, 0x80): return 3  // U+1680
        case (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F):
            return 3
        case (0xE3, 0x80, 0x80): return 3  // U+3000
        default: return 0
        }
    }
}

extension TextWriter {
    /// Plain text with its whitespace collapsed.
    static func collapse(_ text: [UInt8]) -> String? {
        var writer = TextWriter(capacity: text.count)
        writer.write(text)
        return writer.string
    }
}
