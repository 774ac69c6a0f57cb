import InkwellContracts
import InkwellEvents
import InkwellPostgres

extension PostgresPostRepository {
    /// The tags of a write with their canonical names: a new slug keeps the spelling first
    /// seen (`ON CONFLICT DO NOTHING`), a known one answers with its stored name.
    static func canonicalTags(_ tags: [TagName], in tx: UnitOfWork) async throws -> [TagRef] {
        guard !tags.isEmpty else { return [] }
        let slugs = tags.map(\.slug)
        let rows = try await tx.query("""
            WITH inserted AS (
                INSERT INTO tags (slug, name) SELECT * FROM unnest(\(slugs)::text[], \(tags.map(\.name))::text[])
                ON CONFLICT (slug) DO NOTHING RETURNING slug, name
            )
            SELECT slug, name FROM inserted UNION ALL SELECT slug, name FROM tags WHERE slug = ANY(\(slugs))
            """)
        var names: [String: String] = [:]
        for row in rows { names[try row.decode(column: "slug")] = try row.decode(column: "name") }
        // A tag inserted by a concurrent writer after this statement's snapshot: its own spelling.
        return tags.map { TagRef(name: names[$0.slug] ?? $0.name, slug: $0.slug) }
    }
}
