import InkwellDataKit
import InkwellEventStream
import InkwellPostgres

/// The comments service's event handlers: one set for its consumer and for `replay-dead-letters`.
extension CommentsApp: EventConsumingApp {
    public static var executableName: String { "inkwell-comments" }

    public static func database(environment: [String: String]) throws -> PostgresConfiguration {
        try DataServiceConfiguration.database(serviceName: schema, environment: environment)
    }

    /// None yet: the consumer is not started until the service has handlers (a consumer without
    /// handlers would store the offsets of every event it skips).
    public static func eventHandlers(_ dependencies: EventHandlerDependencies) -> EventHandlers<PostgresConnection> {
        EventHandlers()
    }
}
