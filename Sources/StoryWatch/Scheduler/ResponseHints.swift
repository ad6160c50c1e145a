import Foundation

/// What a response says about when to ask again: `Retry-After` on 429 and 503, and how long it
/// stays fresh (`Cache-Control: max-age`, `Expires`). RFC 9110, section 10.2.3; RFC 9111, 5.2 and 5.3.
public enum ResponseHints {
    /// `Retry-After` as a delay, from seconds or an HTTP date.
    public static func retryAfter(_ response: FetchResponse, now: Date) -> Duration? {
        guard response.status == 429 || response.status == 503, let value = response.headers["Retry-After"]?.trimmingCharacters(in: .whitespaces) else {
            return nil
        }
        if let seconds = Int(value), seconds >= 0 { return .seconds(seconds) }
        guard let date = httpDate(value), date > now else { return nil }
        return .seconds(Int(date.timeIntervalSince(now).rounded(.up)))
    }

    /// How long the document stays fresh: `max-age`, else `Expires` (a past date, or the
    /// careless `Expires: 0`, says nothing).
    public static func freshFor(_ response: FetchResponse, now: Date) -> Duration? {
        if let control = response.headers["Cache-Control"]?.lowercased() {
            for directive in control.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == "max-age", let seconds = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))), seconds > 0 {
                    return .seconds(seconds)
                }
            }
        }
        if let expires = response.headers["Expires"], let date = httpDate(expires), date > now {
            return .seconds(Int(date.timeIntervalSince(now)))
        }
        return nil
    }

    /// An HTTP date: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime (`Sun Nov  6 08:49:37 1994`), all GMT.
    /// Parsed by hand: DateFormatter would load ICU's data into the daemon for good.
    static func httpDate(_ text: String) -> Date? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let words = text.split { $0 == " " || $0 == "," || $0 == "-" }.map { $0.lowercased() }
        var day: Int?, month: Int?, year: Int?, clock: [Int] = []
        for word in words.dropFirst() {
            if let index = months.firstIndex(of: String(word.prefix(3))), word.count <= 9, month == nil {
                month = index + 1
            } else if word.contains(":") {
                clock = word.split(separator: ":").compactMap { Int($0) }
            } else if let number = Int(word) {
                if word.count <= 2 && day == nil && (month == nil || words.first?.count ?? 0 > 3 || text.contains(",")) {
                    day = number
                } else if word.count == 2, year == nil {
                    year = number < 70 ? 2000 + number : 1900 + number
                } else if word.count == 4 {
                    year = number
                } else if day == nil {
                    day = number
                }
            } else if word != "gmt" && word != "utc" {
                return nil
            }
        }
        guard let day, let month, let year, clock.count == 3 else { return nil }
        return CivilTime(year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: clock[2]).date
    }
}
