import Foundation

/// Normalises text for matching: compatibility forms and case folded (NFKC, lower case),
/// diacritics removed from Latin letters only ("Oekraïne" → "oekraine", while Cyrillic й and ї
/// keep theirs), runs of whitespace made one space. Works on UTF-8 bytes with a table built
/// once for the Basic Multilingual Plane; ASCII takes a fast path.
public final class TextFolder: Sendable {
    public static let shared = TextFolder()

    /// The folded scalar of each BMP scalar, or `expanded` when it folds to several (or none).
    private let single: [UInt32]
    private let multiple: [UInt32: [UInt8]]
    /// One bit per BMP scalar: a letter, digit or combining mark (part of a word).
    private let wordBits: [UInt64]
    private static let expanded: UInt32 = 0xFFFF_FFFF

    private init() {
        var single = (0..<UInt32(0x10000)).map { $0 }
        var multiple: [UInt32: [UInt8]] = [:]
        var wordBits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for value in UInt32(0)..<0x10000 {
            // Hangul syllables and CJK ideographs are words as they are; private use is not.
            // Skipping their property look-ups keeps start-up short.
            if (0x3400...0x9FFF).contains(value) || (0xAC00...0xD7A3).contains(value) {
                wordBits[Int(value) / 64] |= 1 << (UInt64(value) % 64)
                continue
            }
            if (0xD800...0xF8FF).contains(value) { continue }
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                wordBits[Int(value) / 64] |= 1 << (UInt64(value) % 64)
            }
            guard value >= 0x80 else { continue }
            if properties.isWhitespace {
                single[Int(value)] = 0x20
                continue
            }
            guard properties.changesWhenNFKCCaseFolded || Self.isLatin(value) else { continue }
            let folded = Self.fold(scalar)
            if folded.unicodeScalars.count == 1, let only = folded.unicodeScalars.first {
                single[Int(value)] = only.value
            } else {
                single[Int(value)] = Self.expanded
                multiple[value] = Array(folded.utf8)
            }
        }
        self.single = single
        self.multiple = multiple
        self.wordBits = wordBits
    }

    private static func isLatin(_ value: UInt32) -> Bool {
        (0xC0...0x24F).contains(value) || (0x1E00...0x1EFF).contains(value)
    }

    /// NFKC, lower case, and Latin letters without their marks.
    private static func fold(_ scalar: Unicode.Scalar) -> String {
        let lowered = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
        var result = String.UnicodeScalarView()
        for part in lowered.unicodeScalars {
            if isLatin(part.value), let base = String(part).decomposedStringWithCanonicalMapping.unicodeScalars.first {
                result.append(base)
            } else {
                result.append(part)
            }
        }
        return String(result)
    }

    /// Whether the scalar is part of a word (a letter, digit or combining mark).
    public func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value)
        }
        guard value < 0x10000 else { return Unicode.Scalar(value)?.properties.isAlphabetic ?? false }
        return wordBits[Int(value) / 64] & (1 << (UInt64(value) % 64)) != 0
    }

    /// The folded text as UTF-8.
    public func fold(_ text: String) -> [UInt8] {
        var offsets: [Int]?
        return fold(text, offsets: &offsets)
    }

    /// The folded text as UTF-8, and when `offsets` is not nil, the UTF-8 offset in `text` that
    /// each folded byte came from (for excerpts).
    public func fold(_ text: String, offsets: inout [Int]?) -> [UInt8] {
        var text = text
        return text.withUTF8 { input in
            var output: [UInt8] = []
            output.reserveCapacity(input.count)
            let tracking = offsets != nil
            var map: [Int] = []
            if tracking { map.reserveCapacity(input.count) }
            var lastWasSpace = false
            var index = 0
            let count = input.count
            func emit(_ byte: UInt8, from origin: Int) {
                output.append(byte)
                if tracking { map.append(origin) }
            }
            while index < count {
                let byte = input[index]
                if byte < 0x80 {
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        if !lastWasSpace { emit(0x20, from: index) }
                        lastWasSpace = true
                    } else {
                        emit((0x41...0x5A).contains(byte) ? byte | 0x20 : byte, from: index)
                        lastWasSpace = false
                    }
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                guard index + length <= count else { break }
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<max(1, length) { value = value << 6 | UInt32(input[index + offset] & 0x3F) }
                let origin = index
                index += length
                let folded = value < 0x10000 ? single[Int(value)] : value
                if folded == Self.expanded {
                    for part in multiple[value] ?? [] { emit(part, from: origin) }
                    lastWasSpace = false
                    continue
                }
                if folded == 0x20 {
                    if !lastWasSpace { emit(0x20, from: origin) }
                    lastWasSpace = true
                    continue
                }
                lastWasSpace = false
                switch folded {
                case ..<0x80:
                    emit(UInt8(folded), from: origin)
                case ..<0x800:
                    emit(UInt8(0xC0 | folded >> 6), from: origin)
                    emit(UInt8(0x80 | folded & 0x3F), from: origin)
                case ..<0x10000:
                    emit(UInt8(0xE0 | folded >> 12), from: origin)
                    emit(UInt8(0x80 | folded >> 6 & 0x3F), from: origin)
                    emit(UInt8(0x80 | folded & 0x3F), from: origin)
                default:
                    emit(UInt8(0xF0 | folded >> 18), from: origin)
                    emit(UInt8(0x80 | folded >> 12 & 0x3F), from: origin)
                    emit(UInt8(0x80 | folded >> 6 & 0x3F), from: origin)
                    emit(UInt8(0x80 | folded & 0x3F), from: origin)
                }
            }
            if tracking { offsets = map }
            return output
        }
    }
}
