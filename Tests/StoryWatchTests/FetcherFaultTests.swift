import Foundation
import StoryWatch
import TestHTTPServer
import Testing

/// The fetcher against servers that misbehave: every failure is a value, none hangs.
@Suite struct FetcherFaultTests {
    private func fetcher(_ adjust: (inout FetcherConfiguration) -> Void = { _ in }) throws -> Fetcher {
        var configuration = FetcherConfiguration()
        adjust(&configuration)
        return try Fetcher(configuration: configuration)
    }

    private func failure(of fetcher: Fetcher, _ url: String) async -> FetchError? {
        await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: url)) }
    }

    @Test func announcedBodyOverTheCapIsRefused() async throws {
        let server = try TestHTTPServer { _ in HTTPResponse(body: Array(repeating: 0x41, count: 4096)) }
        let error = await failure(of: try fetcher { $0.maxBody = 1024 }, server.url("/big"))
        #expect(error?.code == .tooLarge)
        #expect(error?.curlCode == 63)
        #expect(error?.message.contains("1024 bytes") == true)
    }

    @Test func unannouncedBodyOverTheCapIsCut() async throws {
        let server = try TestHTTPServer { _ in
            HTTPResponse(body: Array(repeating: 0x41, count: 4096), behavior: .chunked)
        }
        let error = await failure(of: try fetcher { $0.maxBody = 1024 }, server.url("/big"))
        #expect(error?.code == .tooLarge)
        #expect(error?.curlCode == 23)
    }

    @Test func chunkedBodyUnderTheCapArrivesWhole() async throws {
        let server = try TestHTTPServer { _ in .ok("complete", behavior: .chunked) }
        let response = try await fetcher { $0.maxBody = 1024 }.fetch(FetchRequest(url: server.url("/")))
        #expect(response.body == Array("complete".utf8))
    }

    @Test func gzipBombStopsAtTheCap() async throws {
        let bomb = try Fixture.bytes("fetch/bomb-32MiB.gz")  // 32 KiB that inflate to 32 MiB
        let server = try TestHTTPServer { _ in HTTPResponse(headers: [("Content-Encoding", "gzip")], body: bomb) }
        let error = await failure(of: try fetcher { $0.maxBody = 1024 * 1024 }, server.url("/bomb"))
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("1048576 bytes") == true)
    }

    @Test func stalledServerTimesOut() async throws {
        let server = try TestHTTPServer { _ in .ok("never", behavior: .stall) }
        let started = ContinuousClock.now
        let error = await failure(of: try fetcher { $0.timeout = .seconds(1) }, server.url("/stall"))
        #expect(error?.code == .timeout)
        #expect(error?.curlCode == 28)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func drippingServerIsAbortedAsTooSlow() async throws {
        let body = Array(repeating: UInt8(0x41), count: 10_000)
        let server = try TestHTTPServer { _ in
            HTTPResponse(body: body, behavior: .drip(bytes: 1, interval: .milliseconds(100)))
        }
        let slowAbort = try fetcher {
            $0.lowSpeedLimit = 1000
            $0.lowSpeedTime = .seconds(1)
        }
        let error = await failure(of: slowAbort, server.url("/drip"))
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("too slow") == true)
    }

    @Test func refusedConnectionIsAnError() async throws {
        let port = try TestHTTPServer.unusedPort()
        let error = await failure(of: try fetcher(), "http://127.0.0.1:\(port)/")
        #expect(error?.code == .couldNotConnect)
        #expect(error?.curlCode == 7)
    }

    @Test func resetInTheMiddleOfTheBodyIsAnError() async throws {
        let server = try TestHTTPServer { _ in
            HTTPResponse(body: Array(repeating: 0x41, count: 100_000), behavior: .resetAfter(bytes: 1000))
        }
        let error = await failure(of: try fetcher(), server.url("/reset"))
        #expect(error?.code == .transfer)
        #expect(error?.curlCode == 56 || error?.curlCode == 18)
    }

    @Test func bodyShorterThanItsContentLengthIsAnError() async throws {
        let server = try TestHTTPServer { _ in .ok("short", behavior: .announceContentLength(5000)) }
        let error = await failure(of: try fetcher(), server.url("/lie"))
        #expect(error?.code == .transfer)
        #expect(error?.curlCode == 18)
    }

    @Test func connectionClosedWithoutResponseIsAnError() async throws {
        let server = try TestHTTPServer { _ in .ok("", behavior: .closeWithoutResponse) }
        let error = await failure(of: try fetcher(), server.url("/silent"))
        #expect(error?.code == .transfer)
        #expect(error?.curlCode == 52)
    }

    @Test func cancellingTheTaskAbortsItsTransfer() async throws {
        let server = try TestHTTPServer { _ in .ok("never", behavior: .stall) }
        let fetcher = try fetcher()
        let task = Task { try await fetcher.fetch(FetchRequest(url: server.url("/stall"))) }
        #expect(await server.waitForRequests(1))
        task.cancel()
        let error = await #expect(throws: FetchError.self) { try await task.value }
        #expect(error?.code == .cancelled)
        #expect(server.requests.count == 1)
    }

    @Test func shutdownFailsTransfersInFlightAndRefusesNewOnes() async throws {
        let server = try TestHTTPServer { _ in .ok("never", behavior: .stall) }
        let fetcher = try fetcher()
        let task = Task { try await fetcher.fetch(FetchRequest(url: server.url("/stall"))) }
        #expect(await server.waitForRequests(1))
        await fetcher.shutdown()
        let inFlight = await #expect(throws: FetchError.self) { try await task.value }
        #expect(inFlight?.code == .shutdown)
        let refused = await failure(of: fetcher, server.url("/later"))
        #expect(refused?.code == .shutdown)
    }
}
