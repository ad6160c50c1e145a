import Foundation
import StoryWatch
import TestHTTPServer
import Testing

/// Many transfers at once on one multi handle, within the per-host connection limit.
@Suite struct FetcherConcurrencyTests {
    @Test func hundredConcurrentTransfersAllCompleteWithinTheHostLimit() async throws {
        let server = try TestHTTPServer { request in
            .ok(request.path, behavior: .delay(.milliseconds(5)))
        }
        let fetcher = try Fetcher()  // default: 2 connections per host

        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let response = try await fetcher.fetch(FetchRequest(url: server.url("/item/\(index)")))
                    #expect(response.status == 200)
                    return (index, String(decoding: response.body, as: UTF8.self))
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }

        #expect(bodies.count == 100)
        #expect(bodies.allSatisfy { $0.value == "/item/\($0.key)" })
        #expect(server.requests.count == 100)
        #expect(server.maxOpenConnections <= 2)
        #expect(server.acceptedConnections <= 4)  // connections are reused, not one per transfer
    }

    @Test func proxyIsUsedWhenConfigured() async throws {
        let proxy = try TestHTTPServer { request in .ok("via proxy: \(request.target)") }
        var configuration = FetcherConfiguration()
        configuration.proxy = proxy.baseURL
        let response = try await Fetcher(configuration: configuration)
            .fetch(FetchRequest(url: "http://feeds.storywatch.invalid/world.rss"))
        #expect(String(decoding: response.body, as: UTF8.self) == "via proxy: http://feeds.storywatch.invalid/world.rss")
    }
}
