import Foundation
import StoryWatch

/// Builds a `ParsedFeed` from the XML events of an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom
/// 0.3/1.0 document, as leniently as Python's feedparser reads them: names in any case, core
/// elements in any of the namespaces those formats have used, and what a document carried
/// before it broke off.
final class FeedBuilder: XMLEventHandler {
    let names = XMLNameTable()
    private var feed = ParsedFeed()
    /// The element classification of each name id of this document.
    private var elements: [FeedElement?] = []
    private var stack: [Frame] = []
    private var entry: EntryState?
    private var text: TextCapture?
    private var person: Person?
    /// Stack positions of the open `image`, `textinput`, `source` and `contributor` elements, whose
    /// titles, links and names are not the feed's or the entry's.
    private var asides: [Int] = []
    private var netscapeDoctype = false
    private var feedHasImage = false
    /// Stack positions of open images inside an item (without a channel image).
    private var itemImages: [Int] = []
    /// Stack position of the element that gave the feed's title: a deeper one (say
    /// `media:title` in a group) does not replace it.
    private var feedTitleIndex = Int.max

    private struct Frame {
        let element: FeedElement
        let base: String?
        let language: String?
    }

    private struct EntryState {
        /// Where its element sits in the stack.
        let index: Int
        var item = Item()
        var titleIndex = Int.max
        var summary: String?
        var content: String?
        /// Whether `content` was text, HTML or XHTML, and so may stand in for a summary.
        var contentIsTextual = false
    }

    /// What a captured element's text becomes when it ends.
    private enum Target {
        /// `records` is false for titles that may fill a gap but never block another.
        case title(records: Bool), link, guid(isPermaLink: Bool), summary, content, published, updated
        case language, ttl, personName, personEmail
    }

    private struct TextCapture {
        let target: Target
        /// Where its element sits in the stack.
        let index: Int
        var construct: TextConstruct
    }

    private struct Person {
        /// Where its element sits in the stack.
        let index: Int
        let isAuthor: Bool
        var name: String?
        var email: String?
        var text: [UInt8] = []
    }

    private var isAtom: Bool { feed.version.hasPrefix("atom") }
    private var inAside: Bool { !asides.isEmpty }

    /// The feed read so far, with anything still open closed.
    func finish() -> ParsedFeed {
        if !stack.isEmpty { close(0) }
        return feed
    }

    // MARK: XMLEventHandler

    func doctype(publicID: String?) {
        netscapeDoctype = publicID?.lowercased().contains("netscape") == true
    }

    func problem(_ message: String) {
        // Parameter entities are never loaded, on purpose: not a fault of the document.
        if message.contains("PEReference") { return }
        feed.flag(message)
    }

    /// Namespace declarations tell the format before any element does (feedparser's
    /// `track_namespace`).
    func declareNamespace(prefix: String?, uri: String) {
        guard feed.version.isEmpty else { return }
        switch uri.lowercased() {
        case FeedElement.rss090Namespace where prefix == nil: feed.version = "rss090"
        case FeedElement.rss10Namespace: feed.version = "rss10"
        case FeedElement.atom10Namespace: feed.version = "atom10"
        default: break
        }
    }

    func startElement(_ id: Int, attributes: XMLAttributes) {
        let element = classify(id)
        let parent = stack.last
        var base = parent?.base
        var language = parent?.language
        for index in 0..<attributes.count {
            // `xml:base`, and CDF's plain `base`, as feedparser reads them.
            let name = attributes.name(at: index)
            let isXML = name.namespace == FeedElement.xmlNamespace
            if name.local == "base", isXML || name.namespace == nil {
                base = URLResolver.resolve(attributes.value(at: index), against: base)
            }
            if name.local == "lang", isXML { language = attributes.value(at: index) }
        }
        stack.append(Frame(element: element, base: base, language: language))

        if text != nil {
            text?.construct.startChild(names[id])
            return
        }
        detectVersion(names[id], element: element, attributes: attributes)
        start(element, attributes: attributes, base: base)
    }

    func endElement(_ id: Int) {
        guard !stack.isEmpty else { return }
        if let capture = text, capture.index < stack.count - 1 {
            text?.construct.endChild(names[id])
            stack.removeLast()
            return
        }
        close(stack.count - 1)
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if text != nil {
            text?.construct.append(bytes)
        } else if let open = person, open.index == stack.count - 1 {
            person?.text.append(contentsOf: bytes)
        }
    }

    // MARK: Elements

    private func classify(_ id: Int) -> FeedElement {
        if id < elements.count, let known = elements[id] { return known }
        if id >= elements.count { elements += Array(repeating: nil, count: id - elements.count + 1) }
        let element = FeedElement(names[id])
        elements[id] = element
        return element
    }

    /// The format code, from the first element that tells it (feedparser's `version`).
    private func detectVersion(_ name: XMLName, element: FeedElement, attributes: XMLAttributes) {
        guard feed.version.isEmpty || (element == .rss && !feed.version.hasPrefix("rss")) else { return }
        switch name.namespace {
        case FeedElement.rss090Namespace: feed.version = "rss090"; return
        case FeedElement.rss10Namespace: feed.version = "rss10"; return
        case FeedElement.atom10Namespace: feed.version = "atom10"; return
        default: break
        }
        let version = attributes.value("version") ?? ""
        if element == .rss {
            switch version {
            case "0.91": feed.version = netscapeDoctype ? "rss091n" : "rss091u"
            case "0.92": feed.version = "rss092"
            case "0.93": feed.version = "rss093"
            case "0.94": feed.version = "rss094"
            case let other where other.hasPrefix("2."): feed.version = "rss20"
            default: feed.version = "rss"
            }
        } else if element == .feed {
            switch version {
            case "0.1": feed.version = "atom01"
            case "0.2": feed.version = "atom02"
            case "0.3": feed.version = "atom03"
            default: feed.version = "atom"
            }
        }
    }

    private func start(_ element: FeedElement, attributes: XMLAttributes, base: String?) {
        let index = stack.count - 1
        if person != nil {
            // Inside an author or contributor only its name and email count.
            if element == .name { capture(.personName, attributes: .none, markup: .text) }
            if element == .email { capture(.personEmail, attributes: .none, markup: .text) }
            return
        }
        switch element {
        case .entry:
            guard entry == nil else { return }
            var state = EntryState(index: index)
            state.item.id = attributes.value("about", namespace: FeedElement.rdfNamespace)
            state.item.language = stack.last?.language ?? feed.language
            entry = state
            readChannelDefinitionAttributes(attributes, base: base)
        case .channel:
            readChannelDefinitionAttributes(attributes, base: base)
        case .contributor:
            asides.append(index)
            person = Person(index: index, isAuthor: false)
        case .image where entry != nil && !feedHasImage:
            // feedparser reads an item's image as part of the item, but not its link or id.
            itemImages.append(index)
        case .image, .textInput, .source:
            if element == .image { feedHasImage = true }
            asides.append(index)
        case _ where inAside:
            break
        case .author:
            person = Person(index: index, isAuthor: true)
        case .title:
            capture(.title(records: true), attributes: attributes, markup: .text)
        case .mediaTitle:
            capture(.title(records: false), attributes: attributes, markup: .text)
        case .link where !itemImages.isEmpty, .id where !itemImages.isEmpty, .guid where !itemImages.isEmpty:
            break
        case .link:
            startLink(attributes: attributes, base: base)
        case .id:
            capture(.guid(isPermaLink: true), attributes: .none, markup: .text)
        case .guid:
            let permaLink = attributes.value("ispermalink")?.lowercased() ?? "true"
            capture(.guid(isPermaLink: permaLink == "true"), attributes: .none, markup: .text)
        case .description where entry != nil:
            capture(entry?.summary == nil ? .summary : .content, attributes: attributes, markup: .html)
        case .summary where entry != nil:
            capture(entry?.summary == nil ? .summary : .content, attributes: attributes, markup: .text)
        case .content where entry != nil:
            capture(.content, attributes: attributes, markup: .text)
        case .encodedContent where entry != nil, .htmlBody where entry != nil:
            capture(.content, attributes: attributes, markup: .html)
        case .xhtmlBody where entry != nil:
            capture(.content, attributes: attributes, markup: .xhtml)
        case .published:
            capture(.published, attributes: .none, markup: .text)
        case .updated:
            capture(.updated, attributes: .none, markup: .text)
        case .language:
            capture(.language, attributes: .none, markup: .text)
        case .ttl where entry == nil:
            capture(.ttl, attributes: .none, markup: .text)
        default:
            break
        }
    }

    /// CDF's `href` and `lastmod` attributes on a channel or item.
    private func readChannelDefinitionAttributes(_ attributes: XMLAttributes, base: String?) {
        for index in 0..<attributes.count where attributes.name(at: index).namespace == nil {
            switch attributes.name(at: index).local {
            case "href": setLink(URLResolver.resolve(attributes.value(at: index), against: base))
            case "lastmod":
                let date = FeedDate.parse(attributes.value(at: index))
                if entry != nil { entry?.item.updated = date } else { feed.updated = date }
            default: break
            }
        }
    }

    private func capture(_ target: Target, attributes: XMLAttributes, markup: TextConstruct.Markup) {
        let construct = TextConstruct(attributes: attributes, defaultMarkup: markup, isAtom: isAtom)
        text = TextCapture(target: target, index: stack.count - 1, construct: construct)
    }

    /// Atom `<link href rel type>`, or RSS `<link>` text.
    private func startLink(attributes: XMLAttributes, base: String?) {
        func attribute(_ name: String) -> String? { attributes.value(name) }
        guard let href = attribute("href") ?? attribute("url") ?? attribute("uri") else {
            capture(.link, attributes: .none, markup: .text)
            return
        }
        guard person == nil else { return }
        let rel = attribute("rel")?.trimmed ?? "alternate"
        let type = attribute("type")?.lowercased() ?? (rel == "self" ? "application/atom+xml" : "text/html")
        guard rel == "alternate", type == "text/html" || type == "application/xhtml+xml" || type == "html" || type == "xhtml" else { return }
        setLink(URLResolver.resolve(href.trimmed, against: base))
    }

    /// Closes the element at `index` of the stack and everything still open inside it.
    private func close(_ index: Int) {
        while stack.count > index + 1 { close(stack.count - 1) }
        let frame = stack.removeLast()
        if let capture = text, capture.index == index {
            text = nil
            finishCapture(capture, base: frame.base)
        }
        if let open = person, open.index == index {
            person = nil
            if open.isAuthor { setAuthor(open) }
        }
        if asides.last == index { asides.removeLast() }
        if itemImages.last == index { itemImages.removeLast() }
        if let state = entry, state.index == index { finishEntry(state) }
    }

    private func finishEntry(_ state: EntryState) {
        var item = state.item
        item.summary = state.summary ?? (state.contentIsTextual ? state.content : nil)
        item.content = state.content
        feed.entries.append(item)
        entry = nil
    }

    private func finishCapture(_ capture: TextCapture, base: String?) {
        let construct = capture.construct
        switch capture.target {
        case .title(let records):
            // The first title wins over later ones as deep or deeper (feedparser's title_depth).
            guard let value = construct.plainText else { return }
            if let current = entry {
                guard capture.index < current.titleIndex else { return }
                entry?.item.title = value
                if records { entry?.titleIndex = capture.index }
            } else {
                guard capture.index < feedTitleIndex else { return }
                feed.title = value
                if records { feedTitleIndex = capture.index }
            }
        case .link:
            guard let value = construct.value else { return }
            setLink(URLResolver.resolve(value, against: base))
        case .guid(let isPermaLink):
            // Atom ids count as permalink GUIDs too: a link when there is none.
            let raw = construct.value
            let value = isPermaLink ? raw.map { URLResolver.resolve($0, against: base) } : raw
            let link = isPermaLink ? value : nil
            if entry != nil {
                entry?.item.id = value
                if entry?.item.link == nil { entry?.item.link = link }
            } else {
                feed.id = value
                if feed.link == nil { feed.link = link }
            }
        case .summary:
            if entry?.summary == nil { entry?.summary = construct.plainText }
        case .content:
            guard entry?.content == nil else { return }
            entry?.content = construct.plainText
            entry?.contentIsTextual = construct.isTextual
        case .published:
            let value = construct.value.flatMap(FeedDate.parse)
            if entry != nil { entry?.item.published = value }
        case .updated:
            let value = construct.value.flatMap(FeedDate.parse)
            if entry != nil { entry?.item.updated = value } else { feed.updated = value }
        case .language:
            if entry == nil { feed.language = construct.value }
        case .ttl:
            feed.ttlMinutes = construct.value.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        case .personName:
            person?.name = construct.value
        case .personEmail:
            person?.email = construct.value
        }
    }

    private func setLink(_ link: String?) {
        if entry != nil { entry?.item.link = link } else { feed.link = link }
    }

    /// Atom's "Name (email)", or an RSS author's text as written.
    private func setAuthor(_ person: Person) {
        let author: String?
        switch (person.name, person.email) {
        case let (name?, email?): author = "\(name) (\(email))"
        case let (name?, nil): author = name
        case let (nil, email?): author = email
        case (nil, nil): author = TextWriter.collapse(person.text)
        }
        guard let author else { return }
        if entry != nil { entry?.item.author = author }
    }
}
