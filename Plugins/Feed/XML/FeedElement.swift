/// The elements of RSS, RDF, Atom and their common extensions that the feed builder reads,
/// whatever namespace spelling or case the document used.
enum FeedElement: Equatable {
    case rss, channel, feed, entry, image, textInput, source
    case author, contributor, name, email
    case title, mediaTitle, link, id, guid
    case description, summary, content, encodedContent, xhtmlBody, htmlBody
    case published, updated, language, ttl
    /// Anything else in a namespace the builder knows.
    case other
    /// An element in a namespace the builder does not know, with a prefix.
    case foreign

    /// Namespaces whose elements count as the core vocabulary (RSS, RDF/RSS 1.0, Atom), as
    /// Python's feedparser treats them.
    static let coreNamespaces: Set<String> = [
        "http://backend.userland.com/rss", "http://backend.userland.com/rss2",
        "http://blogs.law.harvard.edu/tech/rss", "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/", "http://example.com/newformat#",
        "http://example.com/necho", "http://purl.org/echo/", "uri/of/echo/namespace#",
        "http://purl.org/pie/", "http://purl.org/atom/ns#", "http://www.w3.org/2005/atom",
        "http://purl.org/rss/1.0/modules/rss091#",
    ]

    static let atom10Namespace = "http://www.w3.org/2005/atom"
    static let atom03Namespace = "http://purl.org/atom/ns#"
    static let rss10Namespace = "http://purl.org/rss/1.0/"
    static let rss090Namespace = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xmlNamespace = "http://www.w3.org/xml/1998/namespace"

    init(_ name: XMLName) {
        switch name.namespace {
        case nil:
            self = Self.core(name.local)
        case let namespace? where Self.coreNamespaces.contains(namespace):
            self = Self.core(name.local)
        case "http://purl.org/dc/elements/1.1/":
            switch name.local {
            case "title": self = .title
            case "creator", "author": self = .author
            case "date": self = .updated
            case "language": self = .language
            case "description": self = .description
            default: self = .other
            }
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss":
            switch name.local {
            case "title": self = .mediaTitle
            case "description": self = .description
            default: self = .other
            }
        case "http://purl.org/dc/terms/":
            switch name.local {
            case "modified": self = .updated
            case "issued": self = .published
            default: self = .other
            }
        case "http://purl.org/rss/1.0/modules/content/":
            self = name.local == "encoded" ? .encodedContent : .other
        case "http://www.itunes.com/dtds/podcast-1.0.dtd":
            switch name.local {
            case "author": self = .author
            case "summary": self = .summary
            default: self = .other
            }
        case "http://www.w3.org/1999/xhtml":
            self = name.local == "body" ? .xhtmlBody : .foreign
        case Self.rdfNamespace:
            self = .other
        default:
            self = name.prefix == nil ? Self.core(name.local) : .foreign
        }
    }

    private static func core(_ local: String) -> FeedElement {
        switch local {
        case "rss": .rss
        case "channel": .channel
        case "feed": .feed
        case "item", "entry": .entry
        case "image": .image
        case "textinput": .textInput
        case "source": .source
        case "author": .author
        case "contributor": .contributor
        case "name": .name
        case "email": .email
        case "title": .title
        case "link": .link
        case "id": .id
        case "guid": .guid
        case "description", "abstract": .description
        case "summary": .summary
        case "content": .content
        case "body", "fullitem": .htmlBody
        case "published", "pubdate", "issued": .published
        case "updated", "modified", "lastbuilddate": .updated
        case "language": .language
        case "ttl": .ttl
        default: .other
        }
    }
}
