import Foundation

/// Start-up helpers shared by the four executables.
public enum ServiceMain {
    /// Runs `body`; a configuration error prints one line per bad or missing variable on stderr,
    /// prefixed with the program name, and exits with status 78 (EX_CONFIG).
    public static func run(_ program: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ConfigurationError {
            for problem in error.problems {
                FileHandle.standardError.write(Data("\(program): configuration error: \(problem)\n".utf8))
            }
            exit(78)
        }
    }
}
