/// An element or attribute name as the document wrote it: namespace URI, prefix, local name.
struct XMLName: Hashable {
    /// The namespace URI, lower-cased; nil outside any namespace.
    let namespace: String?
    let prefix: String?
    /// The local name, lower-cased (feeds are not consistent about case).
    let local: String
    /// `prefix:local` or `local`, as written.
    let qualified: String
}

/// An attribute of a start tag.
struct XMLAttribute {
    let name: XMLName
    let value: String
}
