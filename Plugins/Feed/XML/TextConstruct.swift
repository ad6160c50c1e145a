import Foundation

/// The text of one element being collected, and how to read it when it ends: as text, as
/// escaped HTML, or as inline XHTML; possibly base64-encoded (Atom 0.3).
struct TextConstruct {
    enum Markup {
        case text, html, xhtml
    }

    var markup: Markup
    var base64: Bool
    /// Declared as text, HTML or XHTML (not some other media type).
    let isTextual: Bool
    /// An Atom text construct: plain text stays literal, even if it looks like HTML.
    var isAtom: Bool
    var bytes: [UInt8] = []

    /// The markup of an Atom or RSS element from its `type` (and Atom 0.3 `mode`) attributes.
    /// A media type other than text or XML means base64 (RFC 4287, section 4.1.3.3).
    init(attributes: XMLAttributes, defaultMarkup: Markup, isAtom: Bool) {
        self.isAtom = isAtom
        func attribute(_ name: String) -> String? {
            attributes.value(name)?.trimmed.lowercased()
        }
        let type: String
        switch attribute("type") {
        case nil: type = defaultMarkup == .html ? "text/html" : defaultMarkup == .xhtml ? "application/xhtml+xml" : "text/plain"
        case ""?, "text"?, "plain"?: type = "text/plain"
        case "html"?: type = "text/html"
        case "xhtml"?: type = "application/xhtml+xml"
        case let other?: type = other
        }
        switch type {
        case "text/html": markup = .html
        case "application/xhtml+xml": markup = .xhtml
        case let other where other.hasSuffix("+xml") || other.hasSuffix("/xml"): markup = .xhtml
        default: markup = .text
        }
        isTextual = ["text/plain", "text/html", "application/xhtml+xml"].contains(type)
        let mode = attribute("mode")
        base64 = mode == "base64" || !(type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml"))
        if mode == "xml" { markup = .xhtml }
    }

    /// Character data: escaped when the construct holds XHTML, so it reads back as text.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        guard markup == .xhtml else {
            bytes.append(contentsOf: text)
            return
        }
        for byte in text {
            switch byte {
            case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
            case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
            case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
            default: bytes.append(byte)
            }
        }
    }

    /// An element inside the construct: inline markup, so the construct becomes XHTML (a
    /// wrapping `div` alone does not count).
    mutating func startChild(_ name: XMLName) {
        if markup != .xhtml {
            if name.local == "div" { return }
            markup = .xhtml
        }
        bytes += Array("<\(name.local)>".utf8)
    }

    mutating func endChild(_ name: XMLName) {
        if markup == .xhtml { bytes += Array("</\(name.local)>".utf8) }
    }

    /// The construct as plain text, whitespace collapsed; nil if empty.
    var plainText: String? {
        var source = bytes
        if base64, let decoded = Data(base64Encoded: String(decoding: bytes, as: UTF8.self), options: .ignoreUnknownCharacters) {
            source = Array(decoded)
        }
        switch markup {
        case .html, .xhtml:
            return HTMLText.plainText(source)
        case .text:
            if !isAtom && HTMLText.looksLikeHTML(source) { return HTMLText.plainText(source) }
            return TextWriter.collapse(source)
        }
    }

    /// The raw text with whitespace collapsed, for identifiers, links and dates.
    var value: String? {
        TextWriter.collapse(bytes)
    }
}
