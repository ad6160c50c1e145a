/// Writes plain text as UTF-8 straight into a new string's storage, collapsing every run of
/// whitespace to one space and dropping it at both ends. Whitespace is what Python's
/// `str.split()` splits on, so no-break and ideographic spaces count too.
///
/// The storage is sized once, from a bound the caller gives: nothing grows or is copied again.
struct TextWriter {
    private let output: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    private var pendingSpace = false

    private init(_ output: UnsafeMutableBufferPointer<UInt8>) {
        self.output = output
    }

    /// A string of at most `capacity` bytes written by `body`, or nil if it wrote nothing.
    static func string(capacity: Int, _ body: (inout TextWriter) -> Void) -> String? {
        let text = String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = TextWriter(buffer)
            body(&writer)
            return writer.count
        }
        return text.isEmpty ? nil : text
    }

    /// A word boundary: one space, if text comes before and after it.
    mutating func space() {
        pendingSpace = count > 0
    }

    /// Appends UTF-8 text, collapsing its whitespace. Runs of ordinary bytes, single spaces
    /// between words included, are copied whole; only other whitespace and the lead bytes of
    /// the non-ASCII spaces stop a run.
    mutating func write(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        let length = text.count
        var index = 0
        while index < length {
            var end = index
            while end < length {
                let byte = base[end]
                if !Self.mayStartSpace(byte) {
                    end += 1
                } else if byte == 0x20, end > index, end + 1 < length, !Self.mayStartSpace(base[end + 1]) {
                    end += 2  // a single space between two words
                } else {
                    break
                }
            }
            if end > index {
                append(UnsafeBufferPointer(start: base + index, count: end - index))
                index = end
                continue
            }
            let spaceLength = Self.spaceLength(text, at: index)
            if spaceLength > 0 {
                space()
                index += spaceLength
            } else {
                append(UnsafeBufferPointer(start: base + index, count: 1))
                index += 1
            }
        }
    }

    mutating func write(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { write($0) }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if pendingSpace {
            output[count] = 0x20
            count += 1
            pendingSpace = false
        }
        let room = output.count - count
        let taken = min(room, bytes.count)  // never past the bound, whatever the caller gave
        if taken > 0 {
            (output.baseAddress! + count).update(from: bytes.baseAddress!, count: taken)
        }
        count += taken
    }

    /// ASCII whitespace, or a lead byte that may begin U+0085, U+00A0, U+1680, U+2000-U+200A,
    /// U+2028, U+2029, U+202F, U+205F or U+3000.
    @inline(__always)
    static func mayStartSpace(_ byte: UInt8) -> Bool {
        // One comparison for the common case: printable ASCII and continuation bytes (0x21-0xC1).
        if byte &- 0x21 < 0xA1 { return false }
        return byte <= 0x20 ? (byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte))
            : byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3
    }

    /// The length of the whitespace character at `index`, or 0 if there is none.
    private static func spaceLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = text[index]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte) ? 1 : 0 }
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
        text.withUnsafeBufferPointer { buffer in string(capacity: buffer.count) { $0.write(buffer) } }
    }
}
