import InkwellContracts
import InkwellDataKit
import InkwellEventStream
import InkwellPostgres

/// The comments service's event handlers: one set for its consumer and for `replay-dead-letters`.
extension CommentsApp: EventConsumingApp {
    public static var executableName: String { "inkwell-comments" }

    public static func database(environment: [String: String]) throws -> PostgresConfiguration {
        try DataServiceConfiguration.database(serviceName: schema, environment: environment)
    }

    /// The topics the handlers consume (group `comments`).
    public static let consumedTopics: [EventTopic] = [.blog, .users]

    /// blog.events: the posts projection; users.events: erasure of a deleted user's comments
    /// (each with a `comment.deleted`). The handlers run in the inbox transaction.
    public static func eventHandlers(_ dependencies: EventHandlerDependencies) -> EventHandlers<PostgresConnection> {
        var handlers = EventHandlers<PostgresConnection>()
        let logger = dependencies.logger
        handlers.on(PostPublished.self) { event, connection in
            let outcome = try await PostsProjection.apply(event.data.post, version: event.data.version, on: connection)
            if outcome == .stale { logger.debug("stale post.published dropped", metadata: ["post_id": "\(event.subject)", "version": "\(event.data.version)"]) }
        }
        handlers.on(PostUpdated.self) { event, connection in
            let outcome = try await PostsProjection.apply(event.data.post, version: event.data.version, on: connection)
            if outcome == .stale { logger.debug("stale post.updated dropped", metadata: ["post_id": "\(event.subject)", "version": "\(event.data.version)"]) }
        }
        handlers.on(PostUnpublished.self) { event, connection in
            let outcome = try await PostsProjection.unpublish(postId: event.data.postId, slug: event.data.slug, version: event.data.version, on: connection)
            if outcome == .stale { logger.debug("stale post.unpublished dropped", metadata: ["post_id": "\(event.subject)", "version": "\(event.data.version)"]) }
        }
        handlers.on(PostDeleted.self) { event, connection in
            try await PostsProjection.delete(postId: event.data.postId, slug: event.data.slug, authorId: event.data.authorId, version: event.data.version, on: connection)
        }
        let erasure = CommentErasure(topicPrefix: dependencies.topicPrefix)
        handlers.on(UserDeleted.self) { event, connection in
            let deleted = try await erasure.apply(userId: event.data.userId, on: connection)
            logger.info("comments of an erased user deleted", metadata: ["user_id": "\(event.subject)", "comments_deleted": "\(deleted.count)"])
        }
        return handlers
    }
}
