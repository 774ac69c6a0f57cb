import InkwellEventStream
import InkwellPostgres

/// A data service that consumes events: how the platform's `replay-dead-letters` command (and
/// the service's own consumer) gets its handler set and its database.
public protocol EventConsumingApp {
    /// The executable's name (`inkwell-blog`), for messages.
    static var executableName: String { get }
    /// The database configuration from the environment (`DATABASE_URL`...).
    static func database(environment: [String: String]) throws -> PostgresConfiguration
    /// The service's event handlers: the same set for its consumer and for replays.
    static func eventHandlers(_ dependencies: EventHandlerDependencies) -> EventHandlers<PostgresConnection>
}
