import Foundation

/// What one poll's items are, compared with what the store knows of their source.
public struct ItemChange: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Never seen: an alert may follow.
        case new
        /// Seen before, with a different title or summary.
        case changed(previousTitle: String?)
        /// Seen before, the same.
        case unchanged
        /// Stored without an alert: the first poll's old items, or an article another feed of
        /// the publisher already brought.
        case silent
    }

    public let item: Item
    public let key: String
    public let kind: Kind
}

/// Tells new, changed and unchanged items apart (DESIGN.md, "Differ"), robust to the ways real
/// feeds break identity: one GUID on every item (told apart by link), a GUID or slug edited
/// with the article (matched by link, else by its publication time), the same article in two
/// feeds of one publisher (matched by canonical link).
public enum Differ {
    public struct Result: Sendable {
        public var changes: [ItemChange] = []
        /// Rows to write.
        public var stored: [StoredItem] = []
        /// Keys of unchanged rows still in the feed.
        public var seenKeys: [String] = []
        /// Whether anything never seen before arrived.
        public var broughtSomethingNew = false
    }

    /// - Parameters:
    ///   - known: the source's stored items by key.
    ///   - linksElsewhere: canonical links other sources already stored.
    ///   - isBaseline: the source's first successful poll: only items newer than `backfill` alert.
    public static func diff(_ items: [Item], source: String, known: [String: StoredItem], linksElsewhere: Set<String>,
                            isBaseline: Bool, backfill: Duration, now: Date) -> Result {
        var result = Result()
        var guidCounts: [String: Int] = [:]
        for item in items { if let id = item.id, !id.isEmpty { guidCounts[id, default: 0] += 1 } }
        let keyed = items.map { item in (item, ItemKey.key(for: item, guidIsAmbiguous: (guidCounts[item.id ?? ""] ?? 0) > 1)) }
        let presentKeys = Set(keyed.map(\.1))
        // Stored items that left the feed: candidates for an item whose id or slug changed.
        var vanished = known.values.filter { !presentKeys.contains($0.key) }
        let backfillStart = now.addingTimeInterval(-Double(backfill.components.seconds))
        var handled = Set<String>()

        for (item, key) in keyed where handled.insert(key).inserted {
            let hash = ItemKey.contentHash(item)
            let link = ItemKey.canonicalLink(item.link)
            var row = StoredItem(source: source, key: key, canonicalLink: link, title: item.title, link: item.link,
                                 contentHash: hash, published: item.published ?? item.updated, firstSeen: now, lastSeen: now)
            var previous = known[key]
            let elsewhere = link.map(linksElsewhere.contains) ?? false
            if previous == nil, !elsewhere, let index = vanished.firstIndex(where: { Self.isSameArticle($0, link: link, published: row.published) }) {
                previous = vanished.remove(at: index)
            }
            if let previous {
                row.firstSeen = previous.firstSeen
                if previous.contentHash == hash && previous.key == key {
                    result.seenKeys.append(key)
                    result.changes.append(ItemChange(item: item, key: key, kind: .unchanged))
                } else {
                    result.stored.append(row)
                    let kind: ItemChange.Kind = previous.contentHash == hash ? .unchanged : .changed(previousTitle: previous.title)
                    result.changes.append(ItemChange(item: item, key: key, kind: kind))
                }
                continue
            }
            result.stored.append(row)
            result.broughtSomethingNew = true
            let recent = (item.published ?? item.updated).map { $0 >= backfillStart } ?? false
            if elsewhere {
                result.changes.append(ItemChange(item: item, key: key, kind: .silent))
            } else if isBaseline && !recent {
                result.changes.append(ItemChange(item: item, key: key, kind: .silent))
            } else {
                result.changes.append(ItemChange(item: item, key: key, kind: .new))
            }
        }
        return result
    }

    /// A stored item that left the feed is the same article as an unknown one with the same
    /// canonical link, or, failing that (a slug edited), a link on the same host and the very
    /// same publication time.
    private static func isSameArticle(_ stored: StoredItem, link: String?, published: Date?) -> Bool {
        if let link, stored.canonicalLink == link { return true }
        guard let published, let storedPublished = stored.published,
              let host = link.flatMap({ URLComponents(string: $0)?.host }),
              host == stored.canonicalLink.flatMap({ URLComponents(string: $0)?.host })
        else { return false }
        return Int(published.timeIntervalSince1970) == Int(storedPublished.timeIntervalSince1970)
    }
}
