import Foundation
import StoryWatch

/// RFC 822 dates and the ways feeds bend them: `Thu, 01 Jan 2004 19:48:21 GMT`, two-digit
/// years, missing seconds or time, full and foreign month names, a day name in any language,
/// commas in odd places, `2006/09/15`, asctime (`Sun Jan  4 16:29:06 2004`), Twitter's
/// `Sun Jul 15 01:16:00 +0000 2012`, and zones such as `EST`, `+0200`, `-01:01`, `GMT-01:01`.
/// https://www.rfc-editor.org/rfc/rfc822#section-5
enum RFC822Date {
    static func parse(_ text: String) -> Date? {
        let tokens = text.split { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard !tokens.isEmpty else { return nil }
        var day: Int?, month: Int?, year: Int?, clock: (Int, Int, Int)?, offset: Int?
        var pm: Bool?

        for (position, token) in tokens.enumerated() {
            if let named = MonthNames.month(token), month == nil {
                month = named
            } else if token.contains(":"), clock == nil, let first = token.first, first.isNumber {
                guard let parsed = parseClock(token) else { return nil }
                clock = parsed
            } else if token.contains("/"), day == nil, let parts = slashDate(token) {
                (year, month, day) = parts
            } else if token.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(token) {
                if token.count == 4 && year == nil && (day != nil || month != nil || clock != nil) {
                    year = number
                } else if day == nil && token.count <= 2 {
                    day = number
                } else if year == nil && token.count <= 4 {
                    year = token.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : number
                } else {
                    return nil
                }
            } else if clock != nil || year != nil, offset == nil, let zone = parseZone(token) {
                offset = zone
            } else if ["am", "a.m.", "pm", "p.m."].contains(token.lowercased()) {
                pm = token.lowercased().hasPrefix("p")
            } else if position == 0 || (position == 1 && token.allSatisfy(\.isLetter) && day == nil && month == nil) {
                continue  // a day name, in whatever language
            } else if clock != nil, offset == nil, token.allSatisfy(\.isLetter) {
                offset = 0  // an unknown zone name: read as UTC rather than lose the date
            } else {
                return nil
            }
        }
        guard let day, let month, let year else { return nil }
        var time = CivilTime(year: year, month: month, day: day, offsetMinutes: offset ?? 0)
        if let (hour, minute, second) = clock {
            time.hour = hour
            time.minute = minute
            time.second = second
            if let pm {
                guard (1...12).contains(hour) else { return nil }
                time.hour = hour % 12 + (pm ? 12 : 0)
            }
        }
        return time.date
    }

    /// `hh:mm` or `hh:mm:ss`.
    private static func parseClock(_ token: Substring) -> (Int, Int, Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count),
              parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        let second = parts.count == 3 ? Int(parts[2]) ?? 0 : 0
        return (hour, minute, second)
    }

    /// `2006/09/15`.
    private static func slashDate(_ token: Substring) -> (Int, Int, Int)? {
        let parts = token.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3, parts[0] > 31 else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// A named zone, `±hhmm`, `±hh:mm`, or a name followed by an offset (`GMT-01:01`).
    private static func parseZone(_ token: Substring) -> Int? {
        if let named = ZoneNames.offset(token) { return named }
        guard let signIndex = token.firstIndex(where: { $0 == "+" || $0 == "-" }) else { return nil }
        let prefix = token[..<signIndex]
        guard prefix.isEmpty || ZoneNames.offset(prefix) == 0 else { return nil }
        let sign = token[signIndex] == "-" ? -1 : 1
        let digits = token[token.index(after: signIndex)...].filter { $0 != ":" }
        guard (1...4).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
            return nil
        }
        let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 60 + minutes)
    }
}

/// Korean dates: `2004-05-25 오후 11:23:17` and `2004년 05월 28일 01:31:15`, in Korea's time.
enum KoreanDate {
    static func parse(_ text: String) -> Date? {
        // Only Hangul dates get this far: a cheap test first.
        guard text.unicodeScalars.contains(where: { (0xAC00...0xD7A3).contains($0.value) }) else { return nil }
        let morning = text.firstRange(of: "오전") != nil
        let pm = text.firstRange(of: "오후") != nil
        guard text.firstRange(of: "년") != nil || morning || pm else { return nil }
        let numbers = text.split { !($0.isASCII && $0.isNumber) }.compactMap { Int($0) }
        guard numbers.count >= 5 else { return nil }
        var hour = numbers[3]
        if morning || pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        return CivilTime(
            year: numbers[0], month: numbers[1], day: numbers[2], hour: hour, minute: numbers[4],
            second: numbers.count > 5 ? numbers[5] : 0, offsetMinutes: 9 * 60
        ).date
    }
}
