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

    /// Appends UTF-8 text, collapsing its whitespace.
    mutating func write<C: Collection>(_ text: C) where C.Element == UInt8 {
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            if byte < 0x80 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte) {
                    space()
                } else {
                    flushSpace()
                    bytes.append(byte)
                }
                index = text.index(after: index)
                continue
            }
            // A multi-byte sequence: is it one of the non-ASCII spaces?
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var end = index
            var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var taken = 1
            end = text.index(after: end)
            while taken < length, end != text.endIndex {
                scalar = scalar << 6 | UInt32(text[end] & 0x3F)
                end = text.index(after: end)
                taken += 1
            }
            if Self.isSpace(scalar) {
                space()
            } else {
                flushSpace()
                bytes.append(contentsOf: text[index..<end])
            }
            index = end
        }
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

    private static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension TextWriter {
    /// Plain text with its whitespace collapsed.
    static func collapse<C: Collection>(_ text: C) -> String? where C.Element == UInt8 {
        var writer = TextWriter(capacity: text.count)
        writer.write(text)
        return writer.string
    }
}
