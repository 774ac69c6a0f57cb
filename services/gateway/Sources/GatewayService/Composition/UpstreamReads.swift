import Foundation
import InkwellContracts
import InkwellCore

/// ``ServiceReads`` over the services' internal endpoints through ``UpstreamClient``. Lists of
/// more than 100 ids (the endpoints' limit) go out as several calls at once.
public struct UpstreamReads: ServiceReads {
    /// The most ids an internal batch endpoint takes in one call.
    static let batchLimit = 100
    let upstreams: UpstreamClient

    public init(upstreams: UpstreamClient) { self.upstreams = upstreams }

    public func users(ids: [UUID], call: UpstreamCall) async throws -> [UUID: PublicUser] {
        let lists = try await batched(ids) { chunk in
            try await get(ItemList<PublicUser>.self, from: .users, "/internal/v1/users?ids=\(Self.join(chunk))", call: call).items
        }
        return Dictionary(lists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func commentCounts(postIds: [UUID], call: UpstreamCall) async throws -> [UUID: Int] {
        let pairs = try await batched(postIds) { chunk in
            let counts = try await get(CommentCountsAnswer.self, from: .comments, "/internal/v1/comment-counts?postIds=\(Self.join(chunk))", call: call).counts
            return counts.compactMap { key, value in (UUID(canonical: key) ?? UUID(uuidString: key)).map { ($0, value) } }
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    public func commentTree(postId: UUID, call: UpstreamCall) async throws -> [Comment] {
        try await get(ItemList<Comment>.self, from: .comments, "/internal/v1/posts/\(postId.lowercased)/comments", call: call).items
    }

    public func postSummaries(ids: [UUID], call: UpstreamCall) async throws -> [PostSummary] {
        // Chunks are fetched concurrently, so put the answer back in the order asked.
        let found = try await batched(ids) { chunk in
            try await get(ItemList<PostSummary>.self, from: .blog, "/internal/v1/posts?ids=\(Self.join(chunk))", call: call).items
        }
        let byId = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byId[$0] }
    }

    public func exportPosts(cursor: String?, limit: Int, call: UpstreamCall) async throws -> Page<Post> {
        var path = "/internal/v1/posts/export?limit=\(limit)"
        if let cursor { path += "&cursor=\(QueryValue.encode(cursor))" }
        return try await get(Page<Post>.self, from: .blog, path, call: call)
    }

    public func posts(ids: [UUID], call: UpstreamCall) async throws -> [Post] {
        let found = try await batched(ids) { chunk in
            try await get(ItemList<Post>.self, from: .blog, "/internal/v1/posts/full?ids=\(Self.join(chunk))", call: call).items
        }
        let byId = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byId[$0] }
    }

    public func slugRedirects(postIds: [UUID]?, call: UpstreamCall) async throws -> [SlugRedirect] {
        guard let postIds else {
            return try await get(ItemList<SlugRedirect>.self, from: .blog, "/internal/v1/slug-redirects", call: call).items
        }
        return try await batched(postIds) { chunk in
            try await get(ItemList<SlugRedirect>.self, from: .blog, "/internal/v1/slug-redirects?ids=\(Self.join(chunk))", call: call).items
        }
    }

    func get<Answer: Decodable>(_ type: Answer.Type, from upstream: Upstream, _ path: String, call: UpstreamCall) async throws -> Answer {
        let response = try await upstreams.send(upstream, method: "GET", pathAndQuery: path, call: call)
        guard response.status == 200, let answer = try? InkwellJSON.decoder.decode(Answer.self, from: Data(response.body)) else {
            throw UnexpectedUpstreamAnswer(upstream: upstream, path: path, status: response.status)
        }
        return answer
    }

    /// ``get(_:from:_:call:)`` by the hand-written fast path (Foundation's decoder when it declines).
    func get<Answer: JSONStreamDecodable>(_ type: Answer.Type, from upstream: Upstream, _ path: String, call: UpstreamCall) async throws -> Answer {
        let response = try await upstreams.send(upstream, method: "GET", pathAndQuery: path, call: call)
        guard response.status == 200, let answer = try? InkwellJSON.decodeFast(Answer.self, from: response.body) else {
            throw UnexpectedUpstreamAnswer(upstream: upstream, path: path, status: response.status)
        }
        return answer
    }

    /// `ids` in chunks of at most ``batchLimit``, read concurrently, the results concatenated in
    /// chunk order; no call at all for no ids.
    func batched<Item: Sendable>(_ ids: [UUID], _ read: @escaping @Sendable ([UUID]) async throws -> [Item]) async throws -> [Item] {
        if ids.isEmpty { return [] }
        if ids.count <= Self.batchLimit { return try await read(ids) }
        let chunks = stride(from: 0, to: ids.count, by: Self.batchLimit).map { Array(ids[$0..<min($0 + Self.batchLimit, ids.count)]) }
        return try await withThrowingTaskGroup(of: (Int, [Item]).self) { group in
            for (index, chunk) in chunks.enumerated() { group.addTask { (index, try await read(chunk)) } }
            var results = [[Item]](repeating: [], count: chunks.count)
            for try await (index, items) in group { results[index] = items }
            return results.flatMap { $0 }
        }
    }

    static func join(_ ids: [UUID]) -> String { ids.map(\.lowercased).joined(separator: ",") }
}
