import Foundation
import InkwellPostgres

extension Migration {
    /// The migration files a service ships as its `Migrations` resource directory.
    public static func load(resourcesOf bundle: Bundle) throws -> [Migration] {
        guard let directory = bundle.url(forResource: "Migrations", withExtension: nil) else { return [] }
        return try load(directory: directory)
    }
}
