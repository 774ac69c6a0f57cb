import Foundation
import InkwellHTTPClient
import Synchronization
import Testing
import TestSupport

/// The gateway's response cache on the real stack: event-driven invalidation on two gateway
/// replicas within 100 ms, signed-in reads bypassing the cache, drafts never leaking to anonymous
/// readers, and `CACHE_MAX_BYTES=0` turning it off.
@Suite(.serialized) struct GatewayCacheTests {
    /// A gateway process of the stack, with its log (where the invalidation reader says when it
    /// applied each event).
    struct Gateway: Sendable {
        var name: String
        var url: String
        var process: ChildProcess
    }

    /// A cached read and how to tell that it shows the change under test.
    struct Read: Sendable {
        var name: String
        var path: String
        var shows: @Sendable ([String: Any]) -> Bool
    }

    /// One request of the polling: when it started (wall clock, ms since 1970: the clock of the
    /// gateway's `applied_at_ms`, same machine), whether it showed the change, its `X-Cache`.
    struct Poll: Sendable {
        var startMs: Int64
        var shows: Bool
        var xCache: String?
    }

    /// The polls of one observation, shared by its tasks, and which gateways' polling is over.
    final class Recording: Sendable {
        private let byKey = Mutex<[String: [Poll]]>([:])
        private let stopped = Mutex<Set<String>>([])

        func append(_ poll: Poll, to key: String) { byKey.withLock { $0[key, default: []].append(poll) } }
        func polls(of key: String) -> [Poll] { byKey.withLock { $0[key] ?? [] } }
        var keys: Int { byKey.withLock { $0.count } }
        func stop(_ gateway: String) { _ = stopped.withLock { $0.insert(gateway) } }
        func isStopped(_ gateway: String) -> Bool { stopped.withLock { $0.contains(gateway) } }
    }

    /// A value set once by one task and read by others (a created comment's id).
    final class Slot: Sendable {
        private let stored = Mutex<String?>(nil)
        var value: String? {
            get { stored.withLock { $0 } }
            set { stored.withLock { $0 = newValue } }
        }
    }

    /// What the polling of one read on one gateway found for one change.
    struct Observation: CustomStringConvertible {
        var change: String
        var gateway: String
        var read: String
        var appliedMs: Int64
        var polls: [Poll]

        /// Polls that started more than 100 ms after the event was applied and still showed the
        /// old answer: each one breaks the promise.
        var lateStale: [Poll] { polls.filter { $0.startMs > appliedMs + 100 && !$0.shows } }
        var firstShow: Poll? { polls.first { $0.shows } }
        /// The old answer served from the cache before the event (the cache really held it).
        var staleHits: Int { polls.filter { !$0.shows && $0.xCache == "hit" }.count }
        var lastStaleMs: Int64? { polls.last { !$0.shows }.map { $0.startMs - appliedMs } }

        var description: String {
            let first = firstShow.map { "\($0.startMs - appliedMs)" } ?? "never"
            let stale = lastStaleMs.map { "\($0)" } ?? "none"
            return "\(change) on \(gateway) \(read): first showing poll started at applied\(first.hasPrefix("-") ? "" : "+")\(first) ms, last stale one at \(stale) ms, \(polls.count) polls, \(staleHits) stale hits before"
        }
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func json(_ response: HTTPClientResponse) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]) ?? [:]
    }

    static func get(_ stack: ServiceStack, _ url: String, headers: [HTTPHeader] = []) async throws -> HTTPClientResponse {
        try await stack.http.execute(HTTPClientRequest(method: "GET", url: url, headers: headers, timeout: .seconds(10)))
    }

    /// Reads `read` on `gateway` until it is served from the cache (`X-Cache: hit`).
    static func warm(_ stack: ServiceStack, _ gateway: Gateway, _ reads: [Read]) async throws {
        for read in reads {
            try await pollUntil("\(read.path) on \(gateway.name) to be cached", timeout: .seconds(30), interval: .milliseconds(20)) {
                let response = try await get(stack, gateway.url + read.path)
                #expect(response.status == 200, "\(read.path): \(response.text)")
                return response.header("X-Cache") == "hit"
            }
        }
    }

    /// When `gateway` applied the first event of `subject` at or after `sinceMs`: the
    /// `applied_at_ms` of its `Response cache applied event` line.
    static func appliedAt(_ gateway: Gateway, subject: @Sendable () -> String?, sinceMs: Int64) async throws -> Int64 {
        try await poll("\(gateway.name) to apply the event of \(subject() ?? "?")", timeout: .seconds(15), interval: .milliseconds(20)) {
            guard let subject = subject() else { return nil }
            for line in gateway.process.output().split(separator: "\n") where line.contains("Response cache applied event") {
                let tokens = line.split(separator: " ")
                guard tokens.contains(Substring("event.subject=\(subject)")),
                      let token = tokens.first(where: { $0.hasPrefix("applied_at_ms=") }),
                      let applied = Int64(token.dropFirst("applied_at_ms=".count)), applied >= sinceMs
                else { continue }
                return applied
            }
            return nil
        }
    }

    /// Polls every read on every gateway about every 10 ms while `change` happens, until each
    /// read has shown the change, 250 ms have passed since its gateway applied the event of
    /// `subject` (the changed thing's id, asked for once the reads show the change: a created
    /// comment's id is known only then) and each read has a poll that started later than 150 ms after it, or a deadline. `change` runs once every read has been
    /// polled once.
    static func observe(
        _ stack: ServiceStack, _ gateways: [Gateway], _ reads: [Read], change name: String, subject: @escaping @Sendable () -> String?,
        _ change: @Sendable () async throws -> Void
    ) async throws -> [Observation] {
        let recording = Recording()
        let sinceMs = nowMs()
        return try await withThrowingTaskGroup(of: [Observation].self) { group in
            for gateway in gateways {
                for read in reads {
                    let key = "\(gateway.name) \(read.name)"
                    group.addTask {
                        // Ends when the gateway's observer says so, or at the deadline (an error).
                        try await pollUntil("\(key) polling to end", timeout: .seconds(40), interval: .milliseconds(10)) {
                            if recording.isStopped(gateway.name) { return true }
                            let start = nowMs()
                            let response = try await get(stack, gateway.url + read.path)
                            let poll = Poll(startMs: start, shows: response.status == 200 && read.shows(json(response)), xCache: response.header("X-Cache"))
                            recording.append(poll, to: key)
                            return false
                        }
                        return []
                    }
                }
                group.addTask {
                    defer { recording.stop(gateway.name) }
                    try await pollUntil("every read on \(gateway.name) to show \(name)", timeout: .seconds(30), interval: .milliseconds(10)) {
                        reads.allSatisfy { read in recording.polls(of: "\(gateway.name) \(read.name)").contains { $0.shows } }
                    }
                    let applied = try await appliedAt(gateway, subject: subject, sinceMs: sinceMs)
                    // Until 250 ms have passed and every read has a poll that started past applied+150 ms
                    // (a slow request under load must not leave the rule with nothing to judge).
                    try await pollUntil("250 ms after \(gateway.name) applied \(name), and a poll of each read after it", timeout: .seconds(10), interval: .milliseconds(10)) {
                        nowMs() > applied + 250
                            && reads.allSatisfy { read in recording.polls(of: "\(gateway.name) \(read.name)").contains { $0.startMs > applied + 150 } }
                    }
                    recording.stop(gateway.name)
                    return reads.map { Observation(change: name, gateway: gateway.name, read: $0.name, appliedMs: applied, polls: recording.polls(of: "\(gateway.name) \($0.name)")) }
                }
            }
            // The pollers are running: make the change.
            try await pollUntil("the first polls", timeout: .seconds(10), interval: .milliseconds(5)) { recording.keys == gateways.count * reads.count }
            try await change()
            var observations: [Observation] = []
            for try await found in group { observations += found }
            return observations
        }
    }

    static func check(_ observations: [Observation]) {
        for observation in observations {
            print("cache invalidation: \(observation)")
            #expect(observation.firstShow != nil, "\(observation)")
            #expect(observation.lateStale.isEmpty, "stale later than 100 ms after the event: \(observation.lateStale.map { $0.startMs - observation.appliedMs }) ms; \(observation)")
            #expect(observation.polls.contains { $0.startMs > observation.appliedMs + 100 }, "the polling went past applied+100 ms: \(observation)")
        }
    }

    static func summary(_ json: [String: Any], slug: String) -> [String: Any]? {
        (json["items"] as? [[String: Any]])?.first { $0["slug"] as? String == slug }
    }

    /// The promise of issue 9: a cached read never shows a change later than 100 ms after its
    /// event reached the gateway, on every replica.
    ///
    /// How it is measured: each read (the post, its thread, the author's feed, the author's
    /// profile) is first read on both gateways until it is served from the cache (`X-Cache:
    /// hit`), with a `CACHE_TTL` long enough that no entry expires during the test. Then, while
    /// every read is polled on both gateways about every 10 ms (each poll's start recorded on
    /// the wall clock before its request is sent), a change is made through the gateway: a post's
    /// title (PATCH), the post's first comment (by a moderator: approved at once; the thread was
    /// empty, which is what `X-Inkwell-Post-Id` makes droppable), the author's display name
    /// (PATCH /api/v1/users/me). Each gateway logs `applied_at_ms` right after it dropped the
    /// event's entries (CacheInvalidationService): the moment the event reached its cache. The
    /// decoding and dropping between librdkafka handing over the record and that moment take
    /// microseconds, so applied is when the event reached the gateway, to well within the
    /// 10 ms the polls are apart. Each read must show the change at all (deadline 30 s), and
    /// every poll that started later than applied + 100 ms must show it; polling goes on until
    /// 250 ms past applied so that this has polls to judge. The figures printed are where the
    /// first showing poll and the last stale one started, relative to applied.
    @Test func cachedReadsShowEachChangeWithin100MillisecondsOfItsEventOnBothReplicas() async throws {
        let stack = try await ServiceStack.start(gatewayEnvironment: ["CACHE_TTL": "3600"])
        defer { Task { await stack.stop() } }
        let replica = try await stack.startGatewayReplica()
        defer { Task { await replica.process.stop() } }
        let gateways = [Gateway(name: "gateway", url: stack.gatewayURL, process: stack.gateway), Gateway(name: "gateway-2", url: replica.url, process: replica.process)]

        let author = try await stack.account(prefix: "w", roles: ["reader", "author"])
        let commenter = try await stack.account(prefix: "c", roles: ["reader", "moderator"])
        let word = "cq\(UUID().uuidString.prefix(8).lowercased().filter(\.isLetter))"
        let created = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Cached \#(word)", "body": "About \#(word).", "tags": ["Caching"], "status": "published"}"#, headers: author.auth)
        try #require(created.status == 201, "\(created.text)")
        let slug = created.json["slug"] as! String
        let postId = created.json["id"] as! String
        // A signed-in read bypasses the cache: this waits for the comments service without
        // caching anything.
        try await pollUntil("the comments service to know \(slug)", timeout: .seconds(60), interval: .milliseconds(50)) {
            try await Self.get(stack, stack.gatewayURL + "/api/v1/posts/\(slug)/comments", headers: author.auth).status == 200
        }

        // The comments service names the post of a thread, empty or not: what the gateway tags
        // the thread's answer with.
        let direct = try await Self.get(stack, "http://127.0.0.1:\(stack.ports["comments"]!)/api/v1/posts/\(slug)/comments")
        #expect(direct.status == 200 && direct.header("X-Inkwell-Post-Id") == postId, "\(direct.headers)")

        let post = "/api/v1/posts/\(slug)", thread = "/api/v1/posts/\(slug)/comments"
        let feed = "/api/v1/posts?author=\(author.username)", profile = "/api/v1/users/\(author.username)"
        var all: [Observation] = []

        // 1. The post's title.
        let title = "Renamed \(word)"
        let titleReads = [
            Read(name: "post", path: post) { $0["title"] as? String == title },
            Read(name: "feed", path: feed) { Self.summary($0, slug: slug)?["title"] as? String == title },
            Read(name: "profile", path: profile) { ($0["recentPosts"] as? [[String: Any]])?.first?["title"] as? String == title },
        ]
        for gateway in gateways { try await Self.warm(stack, gateway, titleReads) }
        all += try await Self.observe(stack, gateways, titleReads, change: "post title", subject: { postId }) {
            let patched = try await stack.request("PATCH", post, json: #"{"title": "\#(title)"}"#, headers: author.auth)
            #expect(patched.status == 200, "\(patched.text)")
        }

        // 2. The post's first comment, on an empty thread.
        let commentReads = [
            Read(name: "post", path: post) { $0["commentCount"] as? Int == 1 && (($0["comments"] as? [String: Any])?["items"] as? [Any])?.count == 1 },
            Read(name: "thread", path: thread) { ($0["items"] as? [Any])?.count == 1 },
            Read(name: "feed", path: feed) { Self.summary($0, slug: slug)?["commentCount"] as? Int == 1 },
        ]
        for gateway in gateways { try await Self.warm(stack, gateway, commentReads) }
        // The comment's id is its event's subject.
        let commentId = Slot()
        all += try await Self.observe(stack, gateways, commentReads, change: "first comment", subject: { commentId.value }) {
            let comment = try await stack.request("POST", thread, json: #"{"body": "First!"}"#, headers: commenter.auth)
            #expect(comment.status == 201 && comment.json["status"] as? String == "approved", "\(comment.text)")
            commentId.value = comment.json["id"] as? String
        }

        // 3. The author's display name.
        let displayName = "Renamed \(word)"
        let nameReads = [
            Read(name: "post", path: post) { ($0["author"] as? [String: Any])?["displayName"] as? String == displayName },
            Read(name: "feed", path: feed) { (Self.summary($0, slug: slug)?["author"] as? [String: Any])?["displayName"] as? String == displayName },
            Read(name: "profile", path: profile) { $0["displayName"] as? String == displayName },
        ]
        for gateway in gateways { try await Self.warm(stack, gateway, nameReads) }
        all += try await Self.observe(stack, gateways, nameReads, change: "display name", subject: { author.id }) {
            let patched = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"displayName": "\#(displayName)"}"#, headers: author.auth)
            #expect(patched.status == 200, "\(patched.text)")
        }
        Self.check(all)
        #expect(all.count == 18)
        #expect(all.reduce(0) { $0 + $1.staleHits } > 0, "the old answers were served from the cache before the events")
    }

    /// A request with `Authorization` is never served from the cache (`X-Cache: bypass`), so an
    /// author sees their draft while anonymous readers get the 404, which the cache keeps until
    /// the post is published; a gateway with `CACHE_MAX_BYTES=0` caches nothing.
    @Test func signedInReadsBypassTheCacheDraftsNeverLeakAndZeroBytesTurnItOff() async throws {
        let stack = try await ServiceStack.start()
        defer { Task { await stack.stop() } }
        let uncached = try await stack.startGatewayReplica(name: "gateway-nocache", environment: ["CACHE_MAX_BYTES": "0"])
        defer { Task { await uncached.process.stop() } }
        let author = try await stack.account(prefix: "w", roles: ["reader", "author"])
        let reader = try await stack.account(prefix: "r")

        let published = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Public", "body": "x", "status": "published"}"#, headers: author.auth)
        try #require(published.status == 201, "\(published.text)")
        let post = "/api/v1/posts/\(published.json["slug"] as! String)"
        let gateway = Gateway(name: "gateway", url: stack.gatewayURL, process: stack.gateway)
        try await Self.warm(stack, gateway, [Read(name: "post", path: post) { _ in true }, Read(name: "feed", path: "/api/v1/posts") { _ in true }])
        for path in [post, "/api/v1/posts"] {
            for account in [author, reader] {
                let signedIn = try await Self.get(stack, stack.gatewayURL + path, headers: account.auth)
                #expect(signedIn.status == 200 && signedIn.header("X-Cache") == "bypass", "\(path)")
            }
        }

        // A draft: its author reads it (never stored), then anonymous readers get a 404.
        let draft = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Secret draft", "body": "Not yet.", "status": "draft"}"#, headers: author.auth)
        try #require(draft.status == 201, "\(draft.text)")
        let draftPath = "/api/v1/posts/\(draft.json["slug"] as! String)"
        for _ in 0..<3 {
            let own = try await Self.get(stack, stack.gatewayURL + draftPath, headers: author.auth)
            #expect(own.status == 200 && own.header("X-Cache") == "bypass", "\(own.text)")
            #expect(Self.json(own)["status"] as? String == "draft")
        }
        let anonymous = try await Self.get(stack, stack.gatewayURL + draftPath)
        #expect(anonymous.status == 404 && anonymous.header("X-Cache") == "miss", "the author's answer was not stored")
        #expect(!anonymous.text.contains("Secret draft"))
        let again = try await Self.get(stack, stack.gatewayURL + draftPath)
        #expect(again.status == 404 && again.header("X-Cache") == "hit")
        #expect(try await Self.get(stack, stack.gatewayURL + draftPath, headers: reader.auth).status == 404, "another reader's own request")
        #expect(try await Self.get(stack, stack.gatewayURL + draftPath, headers: author.auth).status == 200, "the author, past the cached 404")

        // Published: its event drops the cached 404 (tagged by slug).
        let publish = try await stack.request("PATCH", draftPath, json: #"{"status": "published"}"#, headers: author.auth)
        #expect(publish.status == 200, "\(publish.text)")
        try await pollUntil("the published post to replace the cached 404", timeout: .seconds(10), interval: .milliseconds(20)) {
            try await Self.get(stack, stack.gatewayURL + draftPath).status == 200
        }

        // CACHE_MAX_BYTES=0: no cache; every read goes to the services.
        for path in [post, "/api/v1/posts", "/api/v1/tags", "/api/v1/users/\(author.username)"] {
            for _ in 0..<3 {
                let response = try await Self.get(stack, uncached.url + path)
                #expect(response.status == 200, "\(path): \(response.text)")
                #expect(response.header("X-Cache") == nil || response.header("X-Cache") == "bypass", "\(path): \(response.header("X-Cache") ?? "")")
            }
        }
        #expect(!uncached.process.output().contains("Response cache live"), "no invalidation reader without a cache")
    }
}
