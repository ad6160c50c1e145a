import Foundation
import StoryWatch

/// The two forms nearly every feed uses, read straight from their bytes:
/// `Tue, 05 Nov 2024 09:30:00 +0900` (RFC 822, also with `GMT`/`UT`/`Z`) and
/// `2024-11-05T09:30:00Z` (RFC 3339, also with a fraction or `±hh:mm`). Anything else is nil,
/// and goes to the general parsers.
enum CommonDate {
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in
            bytes.first.map { (0x30...0x39).contains($0) } == true ? rfc3339(bytes) : rfc822(bytes)
        }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<start + count {
            let digit = Int(bytes[index]) - 0x30
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func byte(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, is expected: Character) -> Bool {
        index < bytes.count && bytes[index] == expected.asciiValue!
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`
    private static func rfc3339(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20, let year = number(b, 0, 4), byte(b, 4, is: "-"), let month = number(b, 5, 2),
              byte(b, 7, is: "-"), let day = number(b, 8, 2), byte(b, 10, is: "T") || byte(b, 10, is: " "),
              let hour = number(b, 11, 2), byte(b, 13, is: ":"), let minute = number(b, 14, 2),
              byte(b, 16, is: ":"), let second = number(b, 17, 2)
        else { return nil }
        var index = 19
        if byte(b, index, is: ".") {
            index += 1
            while index < b.count, (0x30...0x39).contains(b[index]) { index += 1 }
        }
        var offset = 0
        if byte(b, index, is: "Z") && index + 1 == b.count {
            offset = 0
        } else if index + 6 == b.count, byte(b, index, is: "+") || byte(b, index, is: "-"),
                  let hours = number(b, index + 1, 2), byte(b, index + 3, is: ":"), let minutes = number(b, index + 4, 2),
                  hours < 24, minutes < 60 {
            offset = (hours * 60 + minutes) * (byte(b, index, is: "-") ? -1 : 1)
        } else {
            return nil
        }
        return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset).date
    }

    private static let months: [UInt32: Int] = {
        var table: [UInt32: Int] = [:]
        for (index, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let bytes = Array(name.utf8)
            table[UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])] = index + 1
        }
        return table
    }()

    /// `[Ddd, ]DD Mon YYYY HH:MM:SS (±hhmm|GMT|UT|UTC|Z)`
    private static func rfc822(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        if b.count > 5, byte(b, 3, is: ",") && byte(b, 4, is: " ") { index = 5 }
        let dayDigits = byte(b, index + 1, is: " ") ? 1 : 2
        guard let day = number(b, index, dayDigits), byte(b, index + dayDigits, is: " ") else { return nil }
        index += dayDigits + 1
        guard index + 3 < b.count else { return nil }
        let key = UInt32(b[index] | 0x20) << 16 | UInt32(b[index + 1] | 0x20) << 8 | UInt32(b[index + 2] | 0x20)
        guard let month = months[key], byte(b, index + 3, is: " "), let year = number(b, index + 4, 4),
              byte(b, index + 8, is: " "), let hour = number(b, index + 9, 2), byte(b, index + 11, is: ":"),
              let minute = number(b, index + 12, 2), byte(b, index + 14, is: ":"), let second = number(b, index + 15, 2),
              byte(b, index + 17, is: " ")
        else { return nil }
        index += 18
        let zone = b.count - index
        var offset = 0
        if zone == 5, byte(b, index, is: "+") || byte(b, index, is: "-"), let hours = number(b, index + 1, 2),
           let minutes = number(b, index + 3, 2), hours < 24, minutes < 60 {
            offset = (hours * 60 + minutes) * (byte(b, index, is: "-") ? -1 : 1)
        } else {
            let name = String(decoding: b[index...], as: UTF8.self)
            guard ["GMT", "UT", "UTC", "Z"].contains(name) else { return nil }
        }
        return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset).date
    }
}
