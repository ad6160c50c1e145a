/// UTF-8 validation and repair, on bytes.
enum UTF8Repair {
    /// True if every byte sequence is well-formed UTF-8 (RFC 3629).
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                // ASCII a block at a time.
                if index + 64 <= count, ByteScan.isASCII(buffer, from: index, count: 64) {
                    index += 64
                    continue
                }
                if buffer[index] < 0x80 {
                    index += 1
                    continue
                }
                let length = sequenceLength(buffer, at: index)
                if length == 0 { return false }
                index += length
            }
            return true
        }
    }

    /// The bytes with every invalid sequence replaced by U+FFFD, and how many bytes were invalid.
    static func repair(_ bytes: [UInt8]) -> (utf8: [UInt8], invalidBytes: Int) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var invalid = 0
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let length = sequenceLength(buffer, at: index)
                if length == 0 {
                    output += [0xEF, 0xBF, 0xBD]
                    invalid += 1
                    index += 1
                } else {
                    output += buffer[index..<index + length]
                    index += length
                }
            }
        }
        return (output, invalid)
    }

    /// The length of the well-formed sequence starting at `index`, or 0 if there is none.
    private static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = buffer[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return 0
        }
        guard index + length <= buffer.count else { return 0 }
        let second = buffer[index + 1]
        guard second >= lower && second <= upper else { return 0 }
        for offset in 2..<max(2, length) where buffer[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }
}
