extension HTMLText {
    /// Whether text that claims to be plain is really HTML, by Python feedparser's rule: it has
    /// an end tag or a character reference, every tag is one a sanitiser would keep, and every
    /// named reference is an HTML 4 one.
    static func looksLikeHTML(_ text: [UInt8]) -> Bool {
        var hasEndTagOrReference = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "<") {
                var nameStart = index + 1
                let closing = nameStart < text.count && text[nameStart] == UInt8(ascii: "/")
                if closing { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < text.count, isWordByte(text[nameEnd]) { nameEnd += 1 }
                if nameEnd > nameStart {
                    let name = String(decoding: text[nameStart..<nameEnd].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
                    guard acceptableElements.contains(name) else { return false }
                    if closing, nameEnd < text.count, text[nameEnd] == UInt8(ascii: ">") { hasEndTagOrReference = true }
                }
                index = max(nameEnd, index + 1)
            } else if byte == UInt8(ascii: "&") {
                var nameEnd = index + 1
                let numeric = nameEnd < text.count && text[nameEnd] == UInt8(ascii: "#")
                if numeric { nameEnd += 1 }
                let nameStart = nameEnd
                while nameEnd < text.count, isWordByte(text[nameEnd]) { nameEnd += 1 }
                if nameEnd > nameStart, nameEnd < text.count, text[nameEnd] == UInt8(ascii: ";") {
                    hasEndTagOrReference = true
                    if !numeric, HTMLEntities.html4[String(decoding: text[nameStart..<nameEnd], as: UTF8.self)] == nil {
                        return false
                    }
                }
                index = max(nameEnd, index + 1)
            } else {
                index += 1
            }
        }
        return hasEndTagOrReference
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// The elements Python feedparser's sanitiser keeps.
    static let acceptableElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
        "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
        "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog",
        "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
        "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
        "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu", "meter",
        "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output", "p", "pre",
        "progress", "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer",
        "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot",
        "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    ]
}
