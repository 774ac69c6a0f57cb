import Foundation

/// A decoded event and its handlers, ready to be applied (again, on a retry).
public struct PreparedEvent<Context>: Sendable {
    public let id: UUID
    public let type: String
    let handlers: [BoundHandler<Context>]

    /// The changed aggregate (`<topic>/<subject>`): the thing `version` counts the changes of.
    /// Not the record key, which for a comment event is its post.
    public var aggregate: String { handlers[0].aggregate }
    /// The aggregate's version after the change (EVENTS.md: only grows).
    public var version: Int64 { handlers[0].version }

    /// Runs every handler of the event, in registration order, with `context`.
    public func apply(_ context: Context) async throws {
        for handler in handlers { try await handler.run(context) }
    }
}
