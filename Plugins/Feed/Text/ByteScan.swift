/// Word-at-a-time byte searches (SWAR), for the scans that run over every byte of a feed.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` equals `byte`.
    @inline(__always)
    static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    /// The index of the first `first` or `second` byte at or after `start`, or `buffer.count`.
    static func firstIndex(of first: UInt8, or second: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if contains(word, first) || contains(word, second) { break }
                index += 8
            }
        }
        while index < count, buffer[index] != first, buffer[index] != second { index += 1 }
        return index
    }

    /// Whether every byte is ASCII, 32 bytes at a time.
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let raw = UnsafeRawPointer(base + start)
        var offset = 0
        while offset + 32 <= count {
            let a = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let b = raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            let c = raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)
            let d = raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
            if (a | b | c | d) & highs != 0 { return false }
            offset += 32
        }
        while offset < count {
            if raw.load(fromByteOffset: offset, as: UInt8.self) >= 0x80 { return false }
            offset += 1
        }
        return true
    }
}
