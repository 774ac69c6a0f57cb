import InkwellEventStream
import InkwellPostgres

extension Inbox {
    /// Claims `event` and runs its handlers on `connection` (in the caller's transaction), or
    /// finds it applied before and runs nothing.
    public static func apply(_ event: PreparedEvent<PostgresConnection>, on connection: PostgresConnection) async throws -> ApplyOutcome {
        guard try await claim(eventId: event.id, type: event.type, on: connection) else { return .duplicate }
        try await event.apply(connection)
        return .applied
    }
}
