import InkwellContracts
import InkwellDataKit
import InkwellEventStream
import InkwellPostgres

/// The blog service's event handlers: one set for its consumer and for `replay-dead-letters`.
extension BlogApp: EventConsumingApp {
    public static var executableName: String { "inkwell-blog" }

    public static func database(environment: [String: String]) throws -> PostgresConfiguration {
        try DataServiceConfiguration.database(serviceName: schema, environment: environment)
    }

    /// The topics the handlers consume.
    public static let consumedTopics: [EventTopic] = [.users]

    /// users.events: the authors projection, and erasure of a deleted user's posts (each with a
    /// `post.deleted`). The handlers run in the inbox transaction.
    public static func eventHandlers(_ dependencies: EventHandlerDependencies) -> EventHandlers<PostgresConnection> {
        var handlers = EventHandlers<PostgresConnection>()
        let logger = dependencies.logger
        handlers.on(UserRegistered.self) { event, connection in
            let outcome = try await AuthorsProjection.upsert(id: event.data.userId, username: event.data.username, version: event.data.version, on: connection)
            if outcome == .stale { logger.debug("stale user.registered dropped", metadata: ["user_id": "\(event.subject)", "version": "\(event.data.version)"]) }
        }
        handlers.on(UserUpdated.self) { event, connection in
            let outcome = try await AuthorsProjection.upsert(id: event.data.userId, username: event.data.username, version: event.data.version, on: connection)
            if outcome == .stale { logger.debug("stale user.updated dropped", metadata: ["user_id": "\(event.subject)", "version": "\(event.data.version)"]) }
        }
        let erasure = AuthorErasure(topicPrefix: dependencies.topicPrefix)
        handlers.on(UserDeleted.self) { event, connection in
            let deleted = try await erasure.apply(userId: event.data.userId, version: event.data.version, on: connection)
            logger.info("author erased", metadata: ["user_id": "\(event.subject)", "posts_deleted": "\(deleted.count)"])
        }
        return handlers
    }
}
