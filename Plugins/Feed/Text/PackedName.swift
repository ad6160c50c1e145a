/// A short ASCII name, lower-cased and packed into two words, for fast set look-ups of tag
/// names without building strings.
struct PackedName: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Nil when the name is longer than 16 bytes (no name we look up is).
    init?<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        guard bytes.count <= 16 else { return nil }
        for (offset, byte) in bytes.enumerated() {
            let lower = UInt64((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            if offset < 8 { low |= lower << (offset * 8) } else { high |= lower << ((offset - 8) * 8) }
        }
    }

    init(_ name: StaticString) {
        self.init(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))!
    }
}
