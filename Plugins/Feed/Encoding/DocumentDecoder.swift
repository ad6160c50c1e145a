/// Finds a document's character encoding (BOM, then HTTP charset, then XML declaration, then
/// UTF-8) and converts it to UTF-8. A wrong declaration or a stray bad byte degrades: the
/// document is still decoded, and the problem is reported.
enum DocumentDecoder {
    struct Decoded {
        /// The document as UTF-8, without a byte order mark.
        var utf8: [UInt8]
        /// The encoding it was decoded from, as declared or detected.
        var encoding: String
        /// Why the result may not be what the publisher meant, if it may not.
        var problem: String?
        /// Taken as UTF-8 without checking (see `decode`'s `verifyUTF8`).
        var isUnverifiedUTF8 = false
    }

    /// Decodes `bytes`. With `verifyUTF8` false, a document whose first choice of encoding is
    /// UTF-8 is passed on unchecked: the XML parser checks it anyway, and the caller decodes
    /// again, verifying, only if the parser finds a bad sequence.
    static func decode(_ bytes: [UInt8], httpCharset: String? = nil, verifyUTF8: Bool = true) -> Decoded {
        let (bomEncoding, bomLength) = byteOrderMark(bytes)
        let patternEncoding = bomEncoding == nil ? bytePattern(bytes) : nil
        let declared = declaredEncoding(bytes, detected: bomEncoding ?? patternEncoding)
        let body = bomLength == 0 ? bytes : Array(bytes[bomLength...])

        // BOM, then HTTP charset, then the declaration, then the byte pattern, then UTF-8. A
        // UTF-16/32 pattern only allows a declaration that names the same family; an EBCDIC
        // pattern lets the declaration choose the code page.
        var candidates: [String] = []
        if let bomEncoding { candidates.append(bomEncoding) }
        if let httpCharset, !httpCharset.isEmpty { candidates.append(httpCharset) }
        if let declared {
            let family = declared.lowercased().replacingOccurrences(of: "_", with: "-")
            if let patternEncoding, patternEncoding.hasPrefix("utf") {
                if family.hasPrefix(patternEncoding) { candidates.append(declared) }
            } else {
                candidates.append(declared)
            }
        }
        if let patternEncoding { candidates.append(patternEncoding) }
        candidates.append("utf-8")

        if !verifyUTF8, ["utf-8", "utf8"].contains(candidates[0].lowercased()) {
            return Decoded(utf8: body, encoding: candidates[0].lowercased(), isUnverifiedUTF8: true)
        }
        var problem: String?
        for candidate in candidates {
            switch Transcoder.toUTF8(body, from: candidate) {
            case .success(let utf8):
                return Decoded(utf8: utf8, encoding: candidate.lowercased(), problem: problem)
            case .failure(let failure):
                problem = problem ?? failure.description
            }
        }
        // Nothing decoded cleanly: keep what is valid UTF-8, or read it as Windows-1252.
        let repaired = UTF8Repair.repair(body)
        if repaired.invalidBytes * 100 <= max(body.count, 1) {
            return Decoded(utf8: repaired.utf8, encoding: "utf-8", problem: problem)
        }
        let latin = (try? Transcoder.toUTF8(body, from: "windows-1252", lenient: true).get()) ?? repaired.utf8
        return Decoded(utf8: latin, encoding: "windows-1252", problem: problem)
    }

    /// The encoding named by a byte order mark, and the mark's length.
    static func byteOrderMark(_ bytes: [UInt8]) -> (String?, Int) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("utf-32be", 4) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("utf-32le", 4) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
        return (nil, 0)
    }

    /// The encoding given away by how `<?` is written, without a BOM (XML 1.0, appendix F).
    static func bytePattern(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) { return "utf-32be" }
        if bytes.starts(with: [0x3C, 0x00, 0x00, 0x00]) { return "utf-32le" }
        if bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return "utf-16be" }
        if bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) { return "utf-16le" }
        if bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) { return "cp037" }
        return nil
    }

    /// The `encoding` pseudo-attribute of the XML declaration, read in the detected encoding.
    static func declaredEncoding(_ bytes: [UInt8], detected: String?) -> String? {
        var head = Array(bytes.prefix(512))
        if let detected, detected != "utf-8", case .success(let utf8) = Transcoder.toUTF8(head, from: detected, lenient: true) {
            head = utf8
        }
        guard let start = head.firstRange(of: Array("<?xml".utf8)),
              let end = head[start.upperBound...].firstRange(of: Array("?>".utf8))
        else { return nil }
        let declaration = String(decoding: head[start.upperBound..<end.lowerBound], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let name = rest.dropFirst().prefix { $0 != quote }
        return name.isEmpty ? nil : String(name)
    }
}
