import InkwellContracts
import InkwellPostgres

/// Where the columns of a ``PublicUser`` (`id, username, display_name, bio, created_at`) are in
/// one result: looked up by name once per result, since its rows share their columns, instead of
/// hashing five names for every row of a batch read.
struct PublicUserColumns {
    let id: Int
    let username: Int
    let displayName: Int
    let bio: Int
    let createdAt: Int

    /// The positions in `row`'s result; throws naming a column it lacks.
    init(of row: PostgresRow) throws {
        id = try row.index(ofColumn: "id")
        username = try row.index(ofColumn: "username")
        displayName = try row.index(ofColumn: "display_name")
        bio = try row.index(ofColumn: "bio")
        createdAt = try row.index(ofColumn: "created_at")
    }

    /// The user of `row` (a row of the same result).
    func user(in row: PostgresRow) throws -> PublicUser {
        PublicUser(
            id: try row.decode(at: id), username: try row.decode(at: username), displayName: try row.decode(at: displayName),
            bio: try row.decode(at: bio), createdAt: try row.decode(at: createdAt))
    }
}
