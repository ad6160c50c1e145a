import Foundation
import StoryWatch
import TestHTTPServer
import Testing

/// The fetcher against a real HTTP server on 127.0.0.1, well-behaved and not.
@Suite struct FetcherTests {
    @Test func fetchesDocumentWithStatusHeadersBodyAndTimings() async throws {
        let feed = try Fixture.bytes("fetch/feed.xml")
        let server = try TestHTTPServer { _ in
            HTTPResponse(status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: feed)
        }
        let fetcher = try Fetcher()

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))

        #expect(response.status == 200)
        #expect(response.body == feed)
        #expect(response.headers["content-type"] == "application/rss+xml; charset=utf-8")
        #expect(response.effectiveURL == server.url("/feed.xml"))
        #expect(response.redirectCount == 0)
        #expect(response.timings.total > .zero)
        #expect(response.timings.firstByte <= response.timings.total)
        #expect(response.validators.isEmpty)
        let request = try #require(server.requests.first)
        #expect(request.header("User-Agent")?.hasPrefix("storywatch/\(Release.version) ") == true)
        #expect(request.header("Accept-Encoding")?.contains("gzip") == true)
        #expect(request.header("If-None-Match") == nil)
        #expect(request.header("If-Modified-Since") == nil)
    }

    @Test func errorStatusIsAResponseNotAFailure() async throws {
        let server = try TestHTTPServer { _ in .notFound }
        let response = try await Fetcher().fetch(FetchRequest(url: server.url("/gone")))
        #expect(response.status == 404)
        #expect(!response.isNotModified)
    }

    @Test func repeatedRequestWithServersValidatorsGetsNotModified() async throws {
        let etag = "W/\"5f3a-1a2b\""
        let lastModified = "Sun, 29 Nov 2026 02:48:24 GMT"
        let server = try TestHTTPServer { request in
            if request.header("If-None-Match") == etag {
                return HTTPResponse(status: 304, headers: [("ETag", etag)])  // no Last-Modified this time
            }
            return .ok("<rss/>", headers: [("ETag", etag), ("Last-Modified", lastModified)])
        }
        let fetcher = try Fetcher()

        let first = try await fetcher.fetch(FetchRequest(url: server.url("/feed")))
        #expect(first.status == 200)
        #expect(first.validators == Validators(etag: etag, lastModified: lastModified))

        let second = try await fetcher.fetch(FetchRequest(url: server.url("/feed"), validators: first.validators))
        #expect(second.isNotModified)
        #expect(second.body.isEmpty)
        #expect(second.validators == Validators(etag: etag, lastModified: lastModified))
        let sent = server.requests[1]
        #expect(sent.header("If-None-Match") == etag)
        #expect(sent.header("If-Modified-Since") == lastModified)
    }

    @Test func validatorThatCouldSplitTheHeaderIsNotSent() async throws {
        let server = try TestHTTPServer { _ in .ok("x") }
        let forged = Validators(etag: "\"a\"\r\nX-Injected: 1", lastModified: "Sun, 29 Nov 2026 02:48:24 GMT")
        _ = try await Fetcher().fetch(FetchRequest(url: server.url("/"), validators: forged))
        let sent = try #require(server.requests.first)
        #expect(sent.header("X-Injected") == nil)
        #expect(sent.header("If-None-Match") == nil)
        #expect(sent.header("If-Modified-Since") == forged.lastModified)
    }

    @Test func gzipEncodedBodyIsDecoded() async throws {
        let feed = try Fixture.bytes("fetch/feed.xml")
        let compressed = try Fixture.bytes("fetch/feed.xml.gz")
        let server = try TestHTTPServer { request in
            guard request.header("Accept-Encoding")?.contains("gzip") == true else { return .ok("plain") }
            return HTTPResponse(headers: [("Content-Encoding", "gzip")], body: compressed)
        }
        let response = try await Fetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.body == feed)
    }

    @Test func followsRedirectsToHTTP() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/old": .redirect("/moved", status: 301)
            case "/moved": .redirect("http://127.0.0.1:\(request.header("Host")!.split(separator: ":").last!)/new")
            case "/new": .ok("here")
            default: .notFound
            }
        }
        let response = try await Fetcher().fetch(FetchRequest(url: server.url("/old")))
        #expect(response.status == 200)
        #expect(response.body == Array("here".utf8))
        #expect(response.effectiveURL == server.url("/new"))
        #expect(response.redirectCount == 2)
    }

    @Test func refusesRedirectToFileURL() async throws {
        let server = try TestHTTPServer { _ in .redirect("file:///etc/passwd") }
        let error = await #expect(throws: FetchError.self) {
            try await Fetcher().fetch(FetchRequest(url: server.url("/leak")))
        }
        #expect(error?.code == .protocolRefused)
        #expect(error?.curlCode == 1)
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1/"])
    func refusesSchemesOtherThanHTTP(url: String) async throws {
        let error = await #expect(throws: FetchError.self) {
            try await Fetcher().fetch(FetchRequest(url: url))
        }
        #expect(error?.code == .protocolRefused)
    }

    @Test func stopsAfterFiveRedirects() async throws {
        let server = try TestHTTPServer { request in
            let hop = Int(request.path.split(separator: "/").last ?? "") ?? 0
            return .redirect("/loop/\(hop + 1)")
        }
        let error = await #expect(throws: FetchError.self) {
            try await Fetcher().fetch(FetchRequest(url: server.url("/loop/0")))
        }
        #expect(error?.code == .tooManyRedirects)
        #expect(server.requests.count == 6)
    }

    @Test func malformedURLIsAnError() async throws {
        let error = await #expect(throws: FetchError.self) {
            try await Fetcher().fetch(FetchRequest(url: "http://[::1"))
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.curlCode == 3)
    }
}

/// Files under Tests/Fixtures/.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(path)))
    }
}
