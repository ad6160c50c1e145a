/// Reduces HTML to plain text, as a feed reader shows a summary: tags removed, block-level tags
/// turned into word breaks, `script`/`style`/`applet` contents, comments, doctypes and
/// processing instructions dropped, character references decoded, whitespace collapsed.
enum HTMLText {
    static func plainText(_ html: [UInt8]) -> String? {
        html.withUnsafeBufferPointer(plainText)
    }

    static func plainText(_ html: UnsafeBufferPointer<UInt8>) -> String? {
        // Output never exceeds 1.2 times the input: no reference expands more than "&nGt;".
        TextWriter.string(capacity: html.count + html.count / 5 + 8) { writer in
            var index = 0
            var textStart = 0
            let end = html.count
            while index < end {
                index = ByteScan.firstIndex(of: UInt8(ascii: "<"), or: UInt8(ascii: "&"), in: html, from: index)
                guard index < end else { break }
                if html[index] == UInt8(ascii: "<") {
                    guard let (markupEnd, breaksWord) = skipMarkup(html, at: index) else {
                        index += 1
                        continue
                    }
                    writer.write(UnsafeBufferPointer(rebasing: html[textStart..<index]))
                    if breaksWord { writer.space() }
                    index = markupEnd
                } else {
                    guard let (decoded, next) = CharacterReference.decode(html, at: index) else {
                        index += 1
                        continue
                    }
                    writer.write(UnsafeBufferPointer(rebasing: html[textStart..<index]))
                    writer.write(decoded)
                    index = next
                }
                textStart = index
            }
            writer.write(UnsafeBufferPointer(rebasing: html[textStart..<end]))
        }
    }

    /// Skips the tag, comment or declaration at `start` (a `<`); returns where text resumes and
    /// whether the markup breaks words, or nil if the `<` is just a character.
    private static func skipMarkup<C: RandomAccessCollection>(_ html: C, at start: Int) -> (Int, Bool)? where C.Element == UInt8, C.Index == Int {
        let end = html.endIndex
        guard start + 1 < end else { return nil }
        let next = html[start + 1]
        let greaterThan = [UInt8(ascii: ">")]
        if next == UInt8(ascii: "!") {
            // A comment ends at "-->", or failing that at the first ">"; a declaration needs a
            // name and a ">". Anything else ("<!'", "<![CDATA[") is text.
            if html[start...].starts(with: Array("<!--".utf8)) {
                if let close = find(Array("-->".utf8), in: html, from: start + 4) { return (close + 3, false) }
                return find(greaterThan, in: html, from: start + 4).map { ($0 + 1, false) }
            }
            guard start + 2 < end, isLetter(html[start + 2]) else { return nil }
            return find(greaterThan, in: html, from: start + 2).map { ($0 + 1, false) }
        }
        if next == UInt8(ascii: "?") {
            return find(greaterThan, in: html, from: start + 2).map { ($0 + 1, false) }
        }
        let closing = next == UInt8(ascii: "/")
        let nameStart = closing ? start + 2 : start + 1
        guard nameStart < end, isLetter(html[nameStart]) else { return nil }
        var nameEnd = nameStart
        while nameEnd < end, isNameByte(html[nameEnd]) { nameEnd += 1 }
        guard let tagEnd = tagEnd(html, from: nameEnd) else { return nil }
        let name = PackedName(html[nameStart..<nameEnd])
        let breaksWord = name.map(blockElements.contains) ?? false
        if !closing, let name, droppedElements.contains(name) {
            let closer = [UInt8(ascii: "<"), UInt8(ascii: "/")] + html[nameStart..<nameEnd].map(lowercase)
            guard let close = findCaseInsensitive(closer, in: html, from: tagEnd) else { return (end, breaksWord) }
            return ((find([UInt8(ascii: ">")], in: html, from: close) ?? end - 1) + 1, breaksWord)
        }
        return (tagEnd, breaksWord)
    }

    /// The index after the `>` that ends a tag, skipping quoted attribute values (a quote
    /// opens a value only right after `=`).
    private static func tagEnd<C: RandomAccessCollection>(_ html: C, from start: Int) -> Int? where C.Element == UInt8, C.Index == Int {
        var index = start
        var quote: UInt8?
        var afterEquals = false
        while index < html.endIndex {
            let byte = html[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if afterEquals && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            if byte == UInt8(ascii: "=") {
                afterEquals = true
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r") {
                afterEquals = false
            }
            index += 1
        }
        return nil
    }

    private static func find<C: RandomAccessCollection>(_ needle: [UInt8], in html: C, from start: Int) -> Int? where C.Element == UInt8, C.Index == Int {
        guard start < html.endIndex else { return nil }
        return html[start...].firstRange(of: needle)?.lowerBound
    }

    private static func findCaseInsensitive<C: RandomAccessCollection>(_ needle: [UInt8], in html: C, from start: Int) -> Int? where C.Element == UInt8, C.Index == Int {
        var index = start
        while index + needle.count <= html.endIndex {
            if html[index] == needle[0],
               zip(html[index..<index + needle.count], needle).allSatisfy({ lowercase($0) == $1 }) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
    }

    /// Tags that break words: their start and end tags each become one space.
    static let blockElements: Set<PackedName> = Set(([
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ] as [StaticString]).map(PackedName.init))

    /// Elements whose content is code, not text.
    static let droppedElements: Set<PackedName> = Set(([
        "script", "style", "applet",
    ] as [StaticString]).map(PackedName.init))
}
