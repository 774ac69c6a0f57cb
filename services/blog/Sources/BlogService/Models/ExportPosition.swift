import Foundation

/// Where a page of the published-posts export ended: the last post's `publishedAt` and id (the
/// export runs oldest first). The time travels as whole microseconds, not as a JSON date (which
/// stops at milliseconds), so the keyset comparison sees exactly the stored value.
struct ExportPosition: Codable, Sendable, Equatable {
    /// Microseconds since 2001-01-01 (the value `Date` stores), as PostgreSQL keeps them.
    var publishedAtMicros: Int64
    var id: UUID

    init(publishedAt: Date, id: UUID) {
        publishedAtMicros = Int64((publishedAt.timeIntervalSinceReferenceDate * 1_000_000).rounded())
        self.id = id
    }

    /// The `Date` that PostgreSQL's timestamp of ``publishedAtMicros`` decodes to.
    var publishedAt: Date {
        Date(timeIntervalSinceReferenceDate: Double(publishedAtMicros) / 1_000_000)
    }
}
