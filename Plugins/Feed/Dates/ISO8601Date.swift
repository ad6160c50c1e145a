import Foundation
import StoryWatch

/// RFC 3339 and the ISO 8601 forms feeds use: `2003-12-31T10:14:55.1234Z`, `2003-12-31`,
/// `2003-12`, `2003`, `20031231`, `031231`, `03-12-31`, `-03-12`, `-0312`, ordinal `2003-335`
/// and `03335`, a space instead of `T`, and zones `Z`, `±hh:mm`, `±hhmm`, `±hh`.
enum ISO8601Date {
    static func parse(_ text: String) -> Date? {
        var scanner = DateScanner(text)
        guard var time = scanner.isoDate() else { return nil }
        if scanner.skip("T") || (scanner.peek == " " && scanner.peekDigit(at: 1)) {
            _ = scanner.skip(" ")
            guard scanner.clock(into: &time) else { return nil }
            if scanner.skip(".") || scanner.skip(",") { _ = scanner.digits(max: 9) }
            _ = scanner.skip(" ")
            guard scanner.isAtEnd || scanner.zone(into: &time) else { return nil }
        }
        guard scanner.isAtEnd else { return nil }
        return time.date
    }
}

/// A cursor over the characters of a date.
struct DateScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    var isAtEnd: Bool { index >= characters.count }
    var peek: Character? { isAtEnd ? nil : characters[index] }

    func peekDigit(at offset: Int) -> Bool {
        index + offset < characters.count && characters[index + offset].isASCII && characters[index + offset].isNumber
    }

    mutating func skip(_ character: Character) -> Bool {
        guard peek == character else { return false }
        index += 1
        return true
    }

    /// Up to `max` ASCII digits, and how many there were.
    mutating func digits(max: Int) -> (value: Int, count: Int)? {
        var value = 0, count = 0
        while count < max, let character = peek, character.isASCII, let digit = character.wholeNumberValue {
            value = value * 10 + digit
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// Letters up to the next non-letter.
    mutating func word() -> Substring? {
        let start = index
        while let character = peek, character.isLetter { index += 1 }
        return start == index ? nil : String(characters[start..<index])[...]
    }

    /// The date part of an ISO 8601 / W3C-DTF timestamp.
    mutating func isoDate() -> CivilTime? {
        // Without Calendar, which would load ICU's data into a long-running daemon.
        let century = CivilTime.civil(fromDays: Int(Date().timeIntervalSince1970 / 86_400)).year / 100 * 100
        if skip("-") {
            // -YY-MM, -YYMM, -YY
            guard let (year, count) = digits(max: 4), count == 2 || count == 4 else { return nil }
            if count == 4 { return CivilTime(year: century + year / 100, month: year % 100, day: 1) }
            if skip("-") {
                guard let (month, monthDigits) = digits(max: 2), monthDigits == 2 else { return nil }
                return CivilTime(year: century + year, month: month, day: 1)
            }
            return CivilTime(year: century + year, month: 1, day: 1)
        }
        guard let (number, count) = digits(max: 8) else { return nil }
        switch count {
        case 8: return CivilTime(year: number / 10000, month: number / 100 % 100, day: number % 100)
        case 7: return ordinal(year: number / 1000, day: number % 1000)
        case 6: return CivilTime(year: century + number / 10000, month: number / 100 % 100, day: number % 100)
        case 5: return ordinal(year: century + number / 1000, day: number % 1000)
        case 4, 2:
            let year = count == 2 ? century + number : number
            guard skip("-") else { return count == 4 ? CivilTime(year: year, month: 1, day: 1) : nil }
            var month: Int
            if let (value, monthDigits) = digits(max: 3) {
                if monthDigits == 3 && peek != "-" { return ordinal(year: year, day: value) }
                month = value
            } else if let name = word(), let named = MonthNames.month(name) {
                month = named
            } else {
                return nil
            }
            guard skip("-") else { return CivilTime(year: year, month: month, day: 1) }
            guard let (day, _) = digits(max: 2) else { return nil }
            return CivilTime(year: year, month: month, day: day)
        default:
            return nil
        }
    }

    /// `hh:mm[:ss]` into `time`.
    mutating func clock(into time: inout CivilTime) -> Bool {
        guard let (hour, _) = digits(max: 2), skip(":"), let (minute, minuteDigits) = digits(max: 2), minuteDigits == 2 else {
            return false
        }
        time.hour = hour
        time.minute = minute
        if skip(":") {
            guard let (second, secondDigits) = digits(max: 2), secondDigits == 2 else { return false }
            time.second = second
        }
        return true
    }

    /// `Z`, `±hh:mm`, `±hhmm` or `±hh` into `time`, ending the text; false if it is not one.
    mutating func zone(into time: inout CivilTime) -> Bool {
        if skip("Z") || skip("z") { return isAtEnd }
        let sign: Int
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return false }
        guard let (value, count) = digits(max: 4) else { return false }
        var hours = value, minutes = 0
        if count == 4 {
            hours = value / 100
            minutes = value % 100
        } else if count == 2, skip(":") {
            guard let (value, minuteDigits) = digits(max: 2), minuteDigits == 2 else { return false }
            minutes = value
        } else if count != 2 {
            return false
        }
        guard hours < 24, minutes < 60 else { return false }
        time.offsetMinutes = sign * (hours * 60 + minutes)
        return isAtEnd
    }

    private func ordinal(year: Int, day: Int) -> CivilTime? {
        let leap = CivilTime.daysIn(month: 2, year: year) == 29
        guard day >= 1, day <= (leap ? 366 : 365) else { return nil }
        var remaining = day
        for month in 1...12 {
            let length = CivilTime.daysIn(month: month, year: year)
            if remaining <= length { return CivilTime(year: year, month: month, day: remaining) }
            remaining -= length
        }
        return nil
    }
}
