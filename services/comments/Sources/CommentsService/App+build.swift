import Foundation
import InkwellPostgres
import InkwellServiceKit

/// The comments service's composition root: its schema, migrations and the platform services; its
/// own routes and event handlers come with the comments contract.
public enum CommentsApp {
    public static let service = DataService(name: "comments", defaultPort: 8083) { try Migration.load(resourcesOf: .module) }

    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        try await service.serve(environment: environment)
    }

    public static func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        try await service.migrate(environment: environment)
    }
}
