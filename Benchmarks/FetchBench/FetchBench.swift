import ArgumentParser
import Foundation
import StoryWatch

/// Fetches every URL of a file (one per line) through `Fetcher`, at most `--parallel` at once,
/// and reports how long it took. Exits 1 if any fetch failed or was not a 200.
@main
struct FetchBench: AsyncParsableCommand {
    @Argument(help: "A file with one URL per line.")
    var urlList: String

    @Option(help: "Fetches in flight at once, and connections per host.")
    var parallel = 50

    func run() async throws {
        let urls = try String(contentsOfFile: urlList, encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)

        var configuration = FetcherConfiguration()
        configuration.maxHostConnections = parallel
        configuration.maxTotalConnections = parallel
        let fetcher = try Fetcher(configuration: configuration)

        let started = ContinuousClock.now
        let (failures, bytes) = await withTaskGroup(of: (Bool, Int).self) { group in
            var next = urls.startIndex
            func addNext() {
                guard next < urls.endIndex else { return }
                let request = FetchRequest(url: urls[next])
                next += 1
                group.addTask {
                    guard let response = try? await fetcher.fetch(request) else { return (false, 0) }
                    return (response.status == 200, response.body.count)
                }
            }
            for _ in 0..<parallel { addNext() }
            var failures = 0, bytes = 0
            for await (ok, count) in group {
                if !ok { failures += 1 }
                bytes += count
                addNext()
            }
            return (failures, bytes)
        }
        let elapsed = ContinuousClock.now - started
        await fetcher.shutdown()

        print("fetched \(urls.count - failures)/\(urls.count) URLs, \(bytes) bytes, in \(elapsed)")
        if failures > 0 { throw ExitCode.failure }
    }
}
