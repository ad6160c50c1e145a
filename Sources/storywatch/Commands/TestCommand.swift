import ArgumentParser
import Foundation
import StoryWatch

/// `storywatch test SOURCE`: fetch one source now and show what storywatch would make of it;
/// writes nothing.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Fetch one source now; show its items, which watchlists match them and why. Writes nothing."
    )

    @Argument(help: "The source's name in the config.")
    var source: String

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try options.load()
        guard let source = config.sources.first(where: { $0.name == self.source }) else {
            let names = config.sources.map(\.name)
            throw ValidationError("no source \"\(self.source)\" in \(options.config)\(Suggestion.hint(for: self.source, in: names))")
        }
        guard let plugin = PluginRegistry.sources.first(where: { $0.name == source.plugin }), let url = plugin.url(for: source) else {
            throw ValidationError("source \"\(source.name)\": its plugin cannot fetch it")
        }
        var configuration = FetcherConfiguration()
        if let userAgent = config.defaults.userAgent { configuration.userAgent = userAgent }
        let fetcher = try Fetcher(configuration: configuration)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(FetchRequest(url: url, timeout: source.timeout, maxBody: source.maxBody))
            await fetcher.shutdown()
        } catch {
            await fetcher.shutdown()
            print("\(source.name): \(SafeText.oneLine(String(describing: error)))")
            throw ExitCode.failure
        }
        print("\(source.name): HTTP \(response.status), \(response.body.count) bytes in \(ConfigUnits.format(response.timings.total)) from \(SafeText.oneLine(response.effectiveURL))")
        guard (200..<300).contains(response.status) else { throw ExitCode.failure }
        let document: SourceDocument
        switch plugin.read(response, source: source) {
        case .success(let read): document = read
        case .failure(let error):
            print("cannot read it: \(SafeText.oneLine(error.message))")
            throw ExitCode.failure
        }
        let matcher = Matcher(watchlists: config.watchlists.map { ($0.name, $0.query) })
        print("\(document.items.count) items")
        for item in document.items {
            let date = (item.published ?? item.updated)?.rfc3339 ?? "-"
            print("- \(date)  \(SafeText.oneLine(item.title ?? "(no title)"))")
            if let link = item.link { print("    \(SafeText.oneLine(link))") }
            let matches = matcher.match(title: item.title, summary: item.summary, content: item.content)
            if matches.isEmpty { print("    no watchlist matches") }
            for match in matches {
                let severity = config.watchlists.first { $0.name == match.watchlist }?.severity ?? .notice
                print("    \(match.watchlist): \(match.terms.joined(separator: ", ")) in the \(match.field.rawValue) → a \(severity.rawValue) `new` alert if unseen")
                if !match.excerpt.isEmpty { print("      \"\(SafeText.oneLine(match.excerpt))\"") }
            }
        }
    }
}
