import Foundation

/// Syslog messages for alerts: RFC 3164 (what journald and rsyslog parse from /dev/log) or
/// RFC 5424 with structured data. https://www.rfc-editor.org/rfc/rfc5424
enum SyslogMessage {
    /// Longest message body, in bytes; longer ones are cut with a marker.
    static let maxBody = 2048
    static let truncationMarker = "…[truncated]"
    /// storywatch's private enterprise number stand-in for structured data IDs (RFC 5424, 7.2.2).
    static let enterpriseID = "storywatch@32473"

    static let facilities: [String: Int] = Dictionary(uniqueKeysWithValues: SinkConfig.facilities.enumerated().map { ($1, $0 < 12 ? $0 : $0 + 4) })

    /// RFC 5424 severity: info 6, notice 5, warning 4, error 3.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        }
    }

    static func priority(_ alert: Alert, facility: String) -> Int {
        (facilities[facility] ?? 3) * 8 + severity(alert.severity)
    }

    /// The alert as one line without time and severity (the message carries both), capped.
    static func body(_ alert: Alert) -> String {
        cap(AlertFormat.textLine(alert).split(separator: " ", maxSplits: 2).dropFirst(2).joined())
    }

    static func cap(_ text: String) -> String {
        guard text.utf8.count > maxBody else { return text }
        var cut = text.utf8.prefix(maxBody - truncationMarker.utf8.count)
        while let last = cut.last, last & 0xC0 == 0x80 { cut = cut.dropLast() }  // not in a character
        if let last = cut.last, last >= 0xC0 { cut = cut.dropLast() }
        return String(decoding: cut, as: UTF8.self) + truncationMarker
    }

    /// `<PRI>Mmm dd hh:mm:ss [HOST ]storywatch[PID]: MSG`; the host only for remote collectors,
    /// as glibc's syslog() leaves it out for the local socket.
    static func rfc3164(_ alert: Alert, facility: String, host: String?, pid: Int32) -> String {
        // "Nov 29 02:48:24", "Nov  9 02:48:24": the RFC 3164 time stamp, in UTC.
        let rfc3339 = Array(alert.time.rfc3339.utf8)  // 2026-11-29T02:48:24Z
        let month = Int(String(decoding: rfc3339[5...6], as: UTF8.self)) ?? 1
        let day = Int(String(decoding: rfc3339[8...9], as: UTF8.self)) ?? 1
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let stamp = "\(months[month - 1]) \(day < 10 ? " " : "")\(day) " + String(decoding: rfc3339[11...18], as: UTF8.self)
        let hostPart = host.map { "\($0) " } ?? ""
        return "<\(priority(alert, facility: facility))>\(stamp) \(hostPart)storywatch[\(pid)]: \(body(alert))"
    }

    /// `<PRI>1 TIMESTAMP HOST storywatch PID KIND [storywatch@32473 watchlist=".." kind=".." id=".."] MSG`
    static func rfc5424(_ alert: Alert, facility: String, host: String, pid: Int32) -> String {
        func parameter(_ value: String) -> String {
            SafeText.oneLine(value).replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "]", with: "\\]")
        }
        var data = "[\(enterpriseID) watchlist=\"\(parameter(alert.watchlist ?? "-"))\" kind=\"\(alert.kind.rawValue)\" id=\"\(alert.id)\""
        data += " source=\"\(parameter(alert.source))\" severity=\"\(alert.severity.rawValue)\"]"
        let messageID = alert.kind.rawValue.replacingOccurrences(of: "-", with: "_").uppercased()
        return "<\(priority(alert, facility: facility))>1 \(alert.time.rfc3339) \(host) storywatch \(pid) \(messageID) \(data) \(body(alert))"
    }
}
