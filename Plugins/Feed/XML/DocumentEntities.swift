import CXML2

/// The entities a parse may resolve: those the document declares in its internal subset,
/// expanded by us within fixed bounds, and HTML 4's, which feeds use without declaring them.
///
/// Each is handed to libxml2 as a "predefined" entity, whose text libxml2 passes on as
/// characters without expanding anything itself.
struct DocumentEntities {
    enum Resolution {
        case declared(xmlEntityPtr)
        case html(xmlEntityPtr)
        case overLimit
        case unknown
    }

    /// Longest text one entity may expand to.
    static let maxEntityLength = 64 * 1024
    /// Most text all references of one document may expand to.
    static let maxTotalExpansion = 1 << 20

    private var declared: [String: xmlEntityPtr] = [:]
    private var parameters: [String: xmlEntityPtr] = [:]
    private var expanded = 0

    /// Records `<!ENTITY % name SYSTEM "...">`: libxml2 skips a reference to it without loading
    /// anything, where an unknown one would be an error (a common way to pull in HTML's entities).
    mutating func declareExternalParameter(_ name: String) {
        guard parameters[name] == nil else { return }
        let entity = Self.makeEntity(name, text: [])
        entity.pointee.etype = XML_EXTERNAL_PARAMETER_ENTITY
        parameters[name] = entity
    }

    /// The external parameter entity `name`, if declared.
    func parameter(_ name: String) -> xmlEntityPtr? {
        parameters[name]
    }

    /// Records `<!ENTITY name "content">`, expanding references in `content`. Returns a problem
    /// to report if the expansion was cut short.
    mutating func declare(_ name: String, content: String) -> String? {
        guard declared[name] == nil else { return nil }  // the first declaration binds (XML 1.0, 4.2)
        var text: [UInt8] = []
        var truncated = false
        var bytes = Array(content.utf8)[...]
        while let byte = bytes.first {
            if text.count >= Self.maxEntityLength {
                truncated = true
                break
            }
            if byte == UInt8(ascii: "&"), let end = bytes.firstIndex(of: UInt8(ascii: ";")), end - bytes.startIndex < 64 {
                let reference = String(decoding: bytes[(bytes.startIndex + 1)..<end], as: UTF8.self)
                if let replacement = replacement(for: reference) {
                    text += replacement.prefix(Self.maxEntityLength - text.count)
                    bytes = bytes[(end + 1)...]
                    continue
                }
            }
            text.append(byte)
            bytes = bytes.dropFirst()
        }
        declared[name] = Self.makeEntity(name, text: text)
        return truncated ? "entity '\(name)' expands past \(Self.maxEntityLength) bytes; cut" : nil
    }

    /// What a reference to `name` in the document's content stands for.
    mutating func resolve(_ name: String) -> Resolution {
        if let entity = declared[name] {
            expanded += Int(entity.pointee.length)
            return expanded > Self.maxTotalExpansion ? .overLimit : .declared(entity)
        }
        if let entity = HTMLEntityTable.shared.entities[name] { return .html(entity) }
        return .unknown
    }

    /// Releases the declared entities (HTML's live for the whole process).
    mutating func free() {
        for entity in declared.values { Self.release(entity) }
        for entity in parameters.values { Self.release(entity) }
        declared = [:]
        parameters = [:]
    }

    private func replacement(for reference: String) -> [UInt8]? {
        switch reference {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default: break
        }
        if reference.hasPrefix("#") {
            let digits = reference.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.map(HTMLEntities.character(codePoint:))
        }
        if let entity = declared[reference] {
            return Array(UnsafeBufferPointer(start: entity.pointee.content, count: Int(entity.pointee.length)))
        }
        return HTMLEntities.html4[reference]
    }

    /// A predefined-type entity whose content is `text`, allocated outside libxml2.
    static func makeEntity(_ name: String, text: [UInt8]) -> xmlEntityPtr {
        let entity = xmlEntityPtr.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        entity.pointee.name = UnsafePointer(copy(Array(name.utf8)))
        entity.pointee.content = copy(text)
        entity.pointee.length = Int32(text.count)
        return entity
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<xmlChar> {
        let buffer = UnsafeMutablePointer<xmlChar>.allocate(capacity: bytes.count + 1)
        buffer.initialize(from: bytes, count: bytes.count)
        buffer[bytes.count] = 0
        return buffer
    }

    private static func release(_ entity: xmlEntityPtr) {
        UnsafeMutablePointer(mutating: entity.pointee.name).deallocate()
        entity.pointee.content.deallocate()
        entity.deallocate()
    }
}

/// HTML 4's entities as libxml2 entity records, made once and never freed.
///
/// `@unchecked Sendable`: the records are written once, here, and afterwards only read (by
/// libxml2, which does not modify predefined entities), from any thread.
final class HTMLEntityTable: @unchecked Sendable {
    static let shared = HTMLEntityTable()
    let entities: [String: xmlEntityPtr]

    private init() {
        var entities: [String: xmlEntityPtr] = [:]
        for (name, text) in HTMLEntities.html4 {
            entities[name] = DocumentEntities.makeEntity(name, text: text)
        }
        self.entities = entities
    }
}
