import Foundation
import NIOCore
import NIOPosix

/// Start-up helpers shared by the four executables.
public enum ServiceMain {
    /// Runs `body`; a configuration error prints one line per bad or missing variable on stderr,
    /// prefixed with the program name, and exits with status 78 (EX_CONFIG).
    ///
    /// First, with `INKWELL_EVENT_LOOP_EXECUTOR=1`, Swift concurrency's global executor becomes
    /// NIO's event loops (see ``runConcurrencyOnEventLoops(environment:)``).
    public static func run(_ program: String, _ body: () async throws -> Void) async throws {
        runConcurrencyOnEventLoops()
        do {
            try await body()
        } catch let error as ConfigurationError {
            for problem in error.problems {
                FileHandle.standardError.write(Data("\(program): configuration error: \(problem)\n".utf8))
            }
            exit(78)
        }
    }

    /// With `INKWELL_EVENT_LOOP_EXECUTOR=1`, makes NIO's singleton event loops (the threads
    /// Hummingbird's server, and so every socket, runs on) Swift concurrency's global executor too.
    ///
    /// Why: otherwise every request crosses threads twice (event loop to a cooperative-pool thread
    /// for the handler, back for the response): measured as `finish_task_switch` and futex wake-ups
    /// in each service's profile. Off by default: measured on these machines it did not pay (see
    /// the README's benchmarks). Safe because nothing blocking runs on the global executor:
    /// libpq, argon2, librdkafka and libcurl each run on their own threads (and must stay there).
    /// Once per process, before the service starts any task; read from the process environment
    /// directly because it must happen before configuration is read.
    static func runConcurrencyOnEventLoops(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["INKWELL_EVENT_LOOP_EXECUTOR"] == "1" else { return }
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
