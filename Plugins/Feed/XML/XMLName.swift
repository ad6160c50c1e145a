import CXML2

/// An element or attribute name as the document wrote it: namespace URI, prefix, local name.
struct XMLName: Hashable {
    /// The namespace URI, lower-cased; nil outside any namespace.
    let namespace: String?
    let prefix: String?
    /// The local name, lower-cased (feeds are not consistent about case).
    let local: String
}

/// The names of one document, each interned once: events carry a small integer instead of
/// strings. libxml2 keeps names in a per-parser dictionary, so their pointers identify them.
final class XMLNameTable {
    private(set) var names: [XMLName] = []
    private var index: [Key: Int] = [:]
    /// A direct-mapped cache in front of `index`: most look-ups hit it without hashing.
    private var recent = [(key: Key, id: Int)?](repeating: nil, count: 256)

    private struct Key: Hashable {
        let local: UnsafeRawPointer
        let uri: UnsafeRawPointer?
        let prefix: UnsafeRawPointer?
    }

    subscript(id: Int) -> XMLName { names[id] }

    func intern(local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?) -> Int {
        let key = Key(local: UnsafeRawPointer(local), uri: uri.map(UnsafeRawPointer.init), prefix: prefix.map(UnsafeRawPointer.init))
        let slot = (Int(bitPattern: local) >> 3 &+ Int(bitPattern: uri) >> 4 &+ Int(bitPattern: prefix) >> 2) & (recent.count - 1)
        if let cached = recent[slot], cached.key == key { return cached.id }
        if let id = index[key] {
            recent[slot] = (key, id)
            return id
        }
        names.append(XMLName(
            namespace: uri.map { String(cString: $0).lowercased() },
            prefix: prefix.map { String(cString: $0) },
            local: String(cString: local).lowercased()
        ))
        index[key] = names.count - 1
        return names.count - 1
    }
}

/// The attributes of the start tag being reported; valid only during that event.
struct XMLAttributes {
    /// libxml2's array of (local, prefix, URI, value start, value end) per attribute.
    private let raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int
    private let table: XMLNameTable?

    static var none: XMLAttributes { XMLAttributes(raw: nil, count: 0, table: nil) }

    init(raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int, table: XMLNameTable?) {
        self.raw = raw
        self.count = raw == nil ? 0 : count
        self.table = table
    }

    func name(at index: Int) -> XMLName {
        let base = index * 5
        return table![table!.intern(local: raw![base]!, prefix: raw![base + 1], uri: raw![base + 2])]
    }

    func value(at index: Int) -> String {
        let base = index * 5
        guard let start = raw![base + 3], let end = raw![base + 4] else { return "" }
        return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
    }

    /// The value of the attribute with this (lower-cased) local name in this namespace.
    func value(_ local: String, namespace: String? = nil) -> String? {
        for index in 0..<count {
            let name = name(at: index)
            if name.local == local && name.namespace == namespace { return value(at: index) }
        }
        return nil
    }
}
