/// Durations (`90s`, `5m`, `6h`, `2d`, `1h30m`) and sizes (`10MiB`, `512KiB`, `1GB`, `4096`) as
/// config values.
public enum ConfigUnits {
    private static let durationUnits: [String: Int64] = ["ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
    private static let sizeUnits: [String: Int] = [
        "": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 1_000_000, "mb": 1_000_000, "mib": 1 << 20,
        "g": 1_000_000_000, "gb": 1_000_000_000, "gib": 1 << 30,
    ]

    /// A positive duration, or nil if `text` is not one.
    public static func duration(_ text: String) -> Duration? {
        var milliseconds: Int64 = 0
        var rest = Substring(text.filter { $0 != " " })
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            guard let factor = durationUnits[unit.lowercased()] else { return nil }
            rest = rest.dropFirst(unit.count)
            let (product, overflow) = value.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            milliseconds += product
        }
        return milliseconds > 0 ? .milliseconds(milliseconds) : nil
    }

    /// A positive size in bytes, or nil if `text` is not one.
    public static func size(_ text: String) -> Int? {
        let trimmed = text.filter { $0 != " " }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let value = Int(digits),
              let factor = sizeUnits[trimmed.dropFirst(digits.count).lowercased()]
        else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow || product <= 0 ? nil : product
    }

    /// `90s`, `5m`, `6h`, `1h30m`: the shortest way to write a duration back.
    public static func format(_ duration: Duration) -> String {
        var milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        guard milliseconds > 0 else { return "0s" }
        var text = ""
        for (unit, factor) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] where milliseconds >= factor {
            text += "\(milliseconds / factor)\(unit)"
            milliseconds %= factor
        }
        return text
    }
}
