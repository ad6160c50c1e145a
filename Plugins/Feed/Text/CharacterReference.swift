/// HTML character references: `&amp;`, `&eacute;`, `&#233;`, `&#xE9;`.
enum CharacterReference {
    /// The text of the reference at `start` (an `&`) and the index after it, or nil if there is
    /// no reference there. Named references need their `;`; numeric ones may omit it.
    static func decode<C: RandomAccessCollection>(_ text: C, at start: Int) -> ([UInt8], Int)? where C.Element == UInt8, C.Index == Int {
        let end = text.endIndex
        var index = start + 1
        guard index < end else { return nil }
        if text[index] == UInt8(ascii: "#") {
            index += 1
            let hex = index < end && (text[index] == UInt8(ascii: "x") || text[index] == UInt8(ascii: "X"))
            if hex { index += 1 }
            let digitsStart = index
            var value: UInt32 = 0
            while index < end, let digit = digitValue(text[index], hex: hex) {
                value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < end, text[index] == UInt8(ascii: ";") { index += 1 }
            return (HTMLEntities.character(codePoint: value), index)
        }
        let nameStart = index
        while index < end, index - nameStart < 32, isAlphanumeric(text[index]) { index += 1 }
        guard index > nameStart, index < end, text[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: text[nameStart..<index], as: UTF8.self)
        guard let decoded = HTMLEntities.html5[name] else { return nil }
        return (decoded, index + 1)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66 where hex: UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
