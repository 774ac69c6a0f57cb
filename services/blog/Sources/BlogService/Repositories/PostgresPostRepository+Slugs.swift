import InkwellCore
import InkwellEvents
import InkwellPostgres

extension PostgresPostRepository {
    /// How many numbered candidates one query checks.
    static let slugBatch = 20

    /// `base`, else the first of `base-2`, `base-3`, … that is neither a post's slug nor an old
    /// slug that still redirects (a derived slug never takes over someone's redirect).
    static func freeSlug(base: String, in tx: UnitOfWork) async throws -> String {
        var first = 1
        while true {
            let candidates = (first..<(first + slugBatch)).map { Slug.numbered(base, $0) }
            let taken = Set(try await tx.query("""
                SELECT slug FROM posts WHERE slug = ANY(\(candidates)) UNION SELECT slug FROM post_slug_redirects WHERE slug = ANY(\(candidates))
                """).map { try $0.decode(column: "slug", as: String.self) })
            if let free = candidates.first(where: { !taken.contains($0) }) { return free }
            first += slugBatch
        }
    }

    /// Makes `slug` free to become a post's current slug: an old slug that redirected stops
    /// redirecting. (Another post's current slug stays; the write's unique violation is the 409.)
    static func claim(_ slug: String, in tx: UnitOfWork) async throws {
        try await tx.execute("DELETE FROM post_slug_redirects WHERE slug = \(slug)")
    }

    /// The unique constraints of the posts table and the request fields they protect.
    static let uniqueFields = ["posts_slug_key": "slug"]

    /// Runs `body`, turning a unique violation into the domain's ``ConflictError`` naming the
    /// field: the HTTP edge answers 409 without knowing any constraint name.
    static func namingConflicts<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError where error.kind == .uniqueViolation {
            guard let field = error.constraint.flatMap({ uniqueFields[$0] }) else { throw error }
            throw ConflictError(field: field, message: "slug is already taken by another post")
        }
    }
}
