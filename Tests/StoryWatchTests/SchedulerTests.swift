import Foundation
import StoryWatch
import TestSyslogListener
import Testing

/// When sources are polled next, with the randomness fixed.
@Suite struct SchedulerTests {
    let policy = SchedulePolicy()

    @Test func intervalWithJitterWithinTenPercent() {
        let low = policy.delay(interval: .seconds(300), failures: 0, retryAfter: nil, freshFor: nil, random: 0)
        let middle = policy.delay(interval: .seconds(300), failures: 0, retryAfter: nil, freshFor: nil, random: 0.5)
        let high = policy.delay(interval: .seconds(300), failures: 0, retryAfter: nil, freshFor: nil, random: 0.999_999)
        #expect(low == .seconds(270))
        #expect(middle == .seconds(300))
        #expect(high > .seconds(329) && high <= .seconds(330))
    }

    @Test func neverUnderTheFloor() {
        #expect(policy.delay(interval: .seconds(10), failures: 0, retryAfter: nil, freshFor: nil, random: 0) == .seconds(60))
    }

    @Test func backoffDoublesUpToTheCapAndStaysThere() {
        let delays = (1...12).map { policy.delay(interval: .seconds(300), failures: $0, retryAfter: nil, freshFor: nil, random: 0.5) }
        #expect(delays.prefix(4) == [.seconds(300), .seconds(600), .seconds(1200), .seconds(2400)])
        #expect(delays.suffix(4).allSatisfy { $0 == .seconds(6 * 3600) })
    }

    @Test func retryAfterIsHonouredUpToTheCap() {
        #expect(policy.delay(interval: .seconds(300), failures: 1, retryAfter: .seconds(3600), freshFor: nil, random: 0.5) == .seconds(3600))
        #expect(policy.delay(interval: .seconds(300), failures: 1, retryAfter: .seconds(86400), freshFor: nil, random: 0.5) == .seconds(6 * 3600))
    }

    @Test func freshnessDelaysTheNextPollWithinBounds() {
        #expect(policy.delay(interval: .seconds(300), failures: 0, retryAfter: nil, freshFor: .seconds(3600), random: 0.5) == .seconds(3600))
        #expect(policy.delay(interval: .seconds(300), failures: 0, retryAfter: nil, freshFor: .seconds(30), random: 0.5) == .seconds(300))
        #expect(policy.delay(interval: .seconds(300), failures: 0, retryAfter: nil, freshFor: .seconds(7 * 86400), random: 0.5) == .seconds(6 * 3600))
    }

    @Test func hintsFromResponseHeaders() {
        let now = Date(timeIntervalSince1970: 1_764_384_504)  // Sat, 29 Nov 2025 02:48:24 GMT
        func response(_ status: Int, _ headers: [(String, String)]) -> FetchResponse {
            FetchResponse(status: status, headers: HTTPHeaders(headers.map { .init(name: $0.0, value: $0.1) }), body: [],
                          effectiveURL: "http://127.0.0.1/", redirectCount: 0,
                          timings: .init(nameLookup: .zero, connect: .zero, tlsHandshake: .zero, firstByte: .zero, total: .zero),
                          validators: .init())
        }
        #expect(ResponseHints.retryAfter(response(503, [("Retry-After", "120")]), now: now) == .seconds(120))
        #expect(ResponseHints.retryAfter(response(429, [("Retry-After", "Sat, 29 Nov 2025 03:48:24 GMT")]), now: now) == .seconds(3600))
        #expect(ResponseHints.retryAfter(response(200, [("Retry-After", "120")]), now: now) == nil)
        #expect(ResponseHints.freshFor(response(200, [("Cache-Control", "public, max-age=900")]), now: now) == .seconds(900))
        #expect(ResponseHints.freshFor(response(200, [("Expires", "Sat, 29 Nov 2025 04:48:24 GMT")]), now: now) == .seconds(7200))
        #expect(ResponseHints.freshFor(response(200, [("Expires", "0")]), now: now) == nil)
        #expect(ResponseHints.freshFor(response(200, [("Expires", "Thu, 01 Jan 1970 00:00:00 GMT")]), now: now) == nil)
    }
}

/// sd_notify, received by a listener on a temporary socket.
@Suite struct SystemdNotifierTests {
    @Test func messagesReachTheNotifySocket() async throws {
        let listener = try SyslogListener(.unixDatagram)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "2000000"])
        #expect(notifier.isActive)
        #expect(notifier.watchdogInterval == .seconds(1))
        notifier.notify("READY=1", "STATUS=20 sources ok")
        notifier.notify("STOPPING=1")
        #expect(await listener.waitForMessages(2) == ["READY=1\nSTATUS=20 sources ok", "STOPPING=1"])
    }

    @Test func withoutTheVariableNothingHappens() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isActive && notifier.watchdogInterval == nil)
        notifier.notify("READY=1")
    }

    @Test func watchdogForAnotherProcessIsNotOurs() {
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
    }
}

extension SchedulerTests {
    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func httpDatesInAllThreeForms(_ text: String) {
        let now = Date(timeIntervalSince1970: 784_111_000)  // 1994-11-06T08:36:40Z
        let response = FetchResponse(status: 503, headers: HTTPHeaders([.init(name: "Retry-After", value: text)]), body: [],
                                     effectiveURL: "http://127.0.0.1/", redirectCount: 0,
                                     timings: .init(nameLookup: .zero, connect: .zero, tlsHandshake: .zero, firstByte: .zero, total: .zero),
                                     validators: .init())
        #expect(ResponseHints.retryAfter(response, now: now) == .seconds(777))
    }
}

extension SystemdNotifierTests {
    @Test func abstractSocketNamesWork() async throws {
        // An abstract socket, as systemd uses: "@name", no file behind it. Bound by hand, with the
        // exact length systemd uses, so that a wrong length in UnixDatagram fails here.
        let name = "storywatch-test-\(UUID().uuidString.prefix(8))"
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)) }
        }
        #expect(bound == 0)
        SystemdNotifier(environment: ["NOTIFY_SOCKET": "@" + name]).notify("READY=1")
        var buffer = [UInt8](repeating: 0, count: 256)
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&ready, 1, 2000) == 1)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        #expect(String(decoding: buffer[..<max(0, count)], as: UTF8.self) == "READY=1")
    }
}
