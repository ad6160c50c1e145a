import ArgumentParser
import Foundation
import StoryWatch

/// Matches every line of a text file (one item per line) against one watchlist holding all the
/// terms of a terms file, folding included, and reports how many lines matched and how fast.
@main
struct MatchBench: ParsableCommand {
    @Argument(help: "A file with one term per line.")
    var terms: String

    @Argument(help: "The text to search, one item per line.")
    var text: String

    func run() throws {
        let words = try String(contentsOfFile: terms, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let query = Query.or(words.map { .term(QueryTerm(written: $0)) })
        let matcher = Matcher(watchlists: [("bench", query)])
        let corpus = try String(contentsOfFile: text, encoding: .utf8)
        let started = ContinuousClock.now
        var matched = 0
        for line in corpus.split(separator: "\n", omittingEmptySubsequences: false) {
            if !matcher.match(title: String(line), summary: nil, content: nil).isEmpty { matched += 1 }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("\(words.count) terms, \(corpus.utf8.count) bytes: \(matched) matching lines in \(String(format: "%.3f", seconds)) s, \(String(format: "%.1f", Double(corpus.utf8.count) / seconds / 1e6)) MB/s")
    }
}
