/// Named character references of HTML: `&eacute;` → `é`.
/// https://html.spec.whatwg.org/multipage/named-characters.html
enum HTMLEntities {
    /// Every HTML5 name (without its `;`) and its text as UTF-8.
    static let html5: [String: [UInt8]] = load(html4Only: false)
    /// The 252 names HTML 4.01 defined: what feed authors use without declaring them.
    static let html4: [String: [UInt8]] = load(html4Only: true)

    private static func load(html4Only: Bool) -> [String: [UInt8]] {
        var table: [String: [UInt8]] = [:]
        for line in data.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, !html4Only || fields[1] == "4" else { continue }
            var text = ""
            for hex in fields[2...] {
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    text.unicodeScalars.append(scalar)
                }
            }
            table[String(fields[0])] = Array(text.utf8)
        }
        return table
    }

    /// The characters of a numeric reference's code point, as browsers read it: 0x80-0x9F as
    /// Windows-1252, and nothing valid (0, surrogates, past U+10FFFF) as U+FFFD.
    static func character(codePoint: UInt32) -> [UInt8] {
        var value = codePoint
        if (0x80...0x9F).contains(value) {
            value = windows1252[Int(value - 0x80)]
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return [0xEF, 0xBF, 0xBD] }
        return Array(String(Character(scalar)).utf8)
    }

    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
