import Foundation
import Hummingbird
import InkwellContracts
import InkwellCore
import InkwellHTTPClient
import InkwellServiceKit

/// The gateway's composed reads (API.md): the critical part (the post, the list, the user) from
/// the owning service's public endpoint with the client's headers (so an author sees their
/// drafts, and a 404/401/403/400 is passed on as it is), the rest from ``ServiceReads`` batch
/// calls, concurrently where the data allows. One deadline (`UPSTREAM_TIMEOUT_MS`) covers every
/// call of a request: no critical answer in time is a 503, a missing other part a degraded 200.
public struct ReadComposer: Sendable {
    let upstreams: UpstreamClient
    let reads: any ServiceReads
    let redirects: RedirectLocation

    public init(upstreams: UpstreamClient, reads: any ServiceReads, publicBaseURL: String) {
        self.upstreams = upstreams
        self.reads = reads
        redirects = RedirectLocation(publicBaseURL: publicBaseURL)
    }

    /// The call of a composed read: the request's id, trace and logger, and its deadline.
    func call(_ context: InkwellRequestContext) -> UpstreamCall {
        var call = UpstreamCall(context)
        call.deadline = .now + upstreams.timeout
        return call
    }

    /// A non-critical part: its value, or nil (logged) when it cannot be had.
    func attempt<Part: Sendable>(_ part: String, call: UpstreamCall, _ read: () async throws -> Part) async -> Part? {
        do {
            return try await read()
        } catch {
            call.logger.warning("a part of a composed read is missing", metadata: ["part": "\(part)", "error": "\(error)"])
            return nil
        }
    }

    /// The critical part's JSON; a 502 problem when the service's 200 is not what the contract says.
    func decode<Answer: Decodable>(_ type: Answer.Type, _ response: HTTPClientResponse, from upstream: Upstream, call: UpstreamCall) throws -> Answer {
        do {
            return try InkwellJSON.decoder.decode(Answer.self, from: Data(response.body))
        } catch {
            throw unreadable(upstream, error, call: call)
        }
    }

    /// ``decode(_:_:from:call:)`` by the hand-written fast path (Foundation's decoder when it declines).
    func decode<Answer: JSONStreamDecodable>(_ type: Answer.Type, _ response: HTTPClientResponse, from upstream: Upstream, call: UpstreamCall) throws -> Answer {
        do {
            return try InkwellJSON.decodeFast(Answer.self, from: response.body)
        } catch {
            throw unreadable(upstream, error, call: call)
        }
    }

    private func unreadable(_ upstream: Upstream, _ error: any Error, call: UpstreamCall) -> HTTPProblem {
        call.logger.error("unreadable answer of a service", metadata: ["upstream": "\(upstream.rawValue)", "error": "\(error)"])
        return HTTPProblem(.badGateway, detail: "The \(upstream.rawValue) service gave an answer the gateway cannot read.")
    }

    /// Summaries with authors and comment counts: one users call and one counts call, at once.
    func summaries(_ items: [PostSummary], call: UpstreamCall) async -> ([ComposedPostSummary], Degradation) {
        let authorIds = CommentAuthorship.distinct(items.map(\.authorId))
        let postIds = items.map(\.id)
        async let users = attempt("authors", call: call) { try await reads.users(ids: authorIds, call: call) }
        async let counts = attempt("comment counts", call: call) { try await reads.commentCounts(postIds: postIds, call: call) }
        return PostComposition.summaries(items, users: await users, counts: await counts)
    }

    /// The request's path and query, as sent on to a service.
    static func pathAndQuery(_ request: Request) -> String {
        request.uri.query.map { "\(request.uri.path)?\($0)" } ?? request.uri.path
    }
}
