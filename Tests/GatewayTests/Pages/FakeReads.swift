import Foundation
import GatewayService
import InkwellContracts
import Synchronization

/// ``ServiceReads`` over fixed data, for the renderer's tests without services.
final class FakeReads: ServiceReads {
    struct State {
        var posts: [Post] = []
        var users: [UUID: PublicUser] = [:]
        var comments: [UUID: [Comment]] = [:]
        var redirects: [SlugRedirect] = []
    }
    let state: Mutex<State>

    init(_ state: State) { self.state = Mutex(state) }

    func users(ids: [UUID], call: UpstreamCall) async throws -> [UUID: PublicUser] {
        state.withLock { state in state.users.filter { ids.contains($0.key) } }
    }
    func commentCounts(postIds: [UUID], call: UpstreamCall) async throws -> [UUID: Int] {
        state.withLock { state in Dictionary(uniqueKeysWithValues: postIds.map { ($0, state.comments[$0]?.count ?? 0) }) }
    }
    func commentTree(postId: UUID, call: UpstreamCall) async throws -> [Comment] { state.withLock { $0.comments[postId] ?? [] } }
    func postSummaries(ids: [UUID], call: UpstreamCall) async throws -> [PostSummary] {
        state.withLock { state in ids.compactMap { id in state.posts.first { $0.id == id }?.summary } }
    }
    func exportPosts(cursor: String?, limit: Int, call: UpstreamCall) async throws -> Page<Post> {
        Page(items: state.withLock { $0.posts }, nextCursor: nil)
    }
    func posts(ids: [UUID], call: UpstreamCall) async throws -> [Post] {
        state.withLock { state in ids.compactMap { id in state.posts.first { $0.id == id } } }
    }
    func slugRedirects(postIds: [UUID]?, call: UpstreamCall) async throws -> [SlugRedirect] {
        state.withLock { state in state.redirects.filter { postIds?.contains($0.postId) ?? true } }
    }
}
