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

    /// An HTTP date (IMF-fixdate, and the two obsolete forms).
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
