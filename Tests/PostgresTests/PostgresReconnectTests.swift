import Foundation
import InkwellPostgres
import TestSupport
import Testing

/// A PostgreSQL cluster of the test's own (initdb + pg_ctl from INKWELL_TEST_PG_BINDIR), so the
/// test can restart and stop it without disturbing the shared one.
final class LocalCluster: Sendable {
    let directory: URL
    let port: Int
    let binDir: String

    var dataDirectory: String { directory.appendingPathComponent("data").path }
    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    private init(directory: URL, port: Int, binDir: String) {
        self.directory = directory
        self.port = port
        self.binDir = binDir
    }

    static func start() async throws -> LocalCluster {
        let binDir = try TestEnvironment.postgresBinDir()
        let directory = try TestEnvironment.scratchDirectory("pg-cluster")
        let cluster = LocalCluster(directory: directory, port: freeLocalPort(), binDir: binDir)
        if getuid() == 0 {
            // initdb refuses to run as root: the postgres user must own (and reach) the directory.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: directory.path)
        }
        try await cluster.run("initdb", ["-D", cluster.dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        try await cluster.startServer()
        return cluster
    }

    func startServer() async throws {
        try await pgCtl(["start", "-w", "-t", "60", "-l", directory.appendingPathComponent("server.log").path,
                         "-o", "-p \(port) -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"])
    }

    func pgCtl(_ arguments: [String]) async throws {
        try await run("pg_ctl", ["-D", dataDirectory] + arguments)
    }

    func stop() async throws {
        try await pgCtl(["stop", "-m", "fast", "-w"])
    }

    /// Runs a PostgreSQL tool (as the postgres user when we are root) and waits for it to succeed.
    ///
    /// Spawned with posix_spawn and reaped with `waitpid(WNOHANG)` rather than through
    /// `ChildProcess`: Foundation's `Process` notices an exit only when every process holding its
    /// monitoring descriptor has gone, and the postmaster that `pg_ctl start` leaves behind
    /// inherits it, so `pg_ctl start` would never seem to finish.
    private func run(_ tool: String, _ arguments: [String]) async throws {
        let executable = binDir + "/" + tool
        let argv = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let log = directory.appendingPathComponent("\(tool)-\(UUID().uuidString.prefix(6)).log").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) }
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments + [nil], environ)
        guard spawned == 0 else { throw ToolFailed(description: "cannot start \(argv[0]): errno \(spawned)") }

        let status = try await poll("\(tool) to exit", timeout: .seconds(90)) { () -> Int32? in
            var status: Int32 = 0
            return waitpid(pid, &status, WNOHANG) == pid ? status : nil
        }
        // Exited normally (low 7 bits 0) with code 0 (bits 8-15).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ToolFailed(description: "\(tool) \(arguments.joined(separator: " ")) failed (wait status \(status)): \(output)")
        }
    }

    struct ToolFailed: Error, CustomStringConvertible { let description: String }
}

@Suite("Reconnecting")
struct PostgresReconnectTests {
    static func backendPID(_ client: PostgresClient) async throws -> Int32 {
        try await client.query("SELECT pg_backend_pid() AS pid").first!.decode(column: "pid", as: Int32.self)
    }

    @Test func theSameClientRecoversAfterAServerRestartAndFailsFastWhileItIsDown() async throws {
        let cluster = try await LocalCluster.start()
        do {
            try await withClient(url: cluster.url, poolSize: 2, connectTimeout: .seconds(2)) { client in
                let before = try await Self.backendPID(client)
                #expect(client.connectionCounts.idle == 1)

                try await cluster.pgCtl(["restart", "-m", "fast", "-w", "-t", "60"])

                // Poll with a deadline; the pooled connection the server closed should be replaced
                // transparently, so in practice the first attempt already succeeds.
                let failures = TestCounter()
                let after = try await poll("a query to succeed after the restart", timeout: .seconds(30)) {
                    do {
                        return try await Self.backendPID(client)
                    } catch {
                        failures.increment()
                        throw error
                    }
                }
                #expect(after != before, "a new server session")
                #expect(failures.current == 0, "the dead idle connection was replaced before the query ran")

                // Now stop the server: calls fail quickly with .connectionFailed, and ping says no.
                try await cluster.stop()
                let clock = ContinuousClock()
                let start = clock.now
                let error = try #require(await expectPostgresError { _ = try await Self.backendPID(client) })
                #expect(error.kind == .connectionFailed)
                #expect(clock.now - start < .seconds(8))
                #expect(await client.ping() == false)
                #expect(client.connectionCounts.inUse == 0)

                // And once it is back, the same client works again.
                try await cluster.startServer()
                try await pollUntil("the client to work again", timeout: .seconds(30)) { await client.ping() }
            }
            try await cluster.stop()
            try? FileManager.default.removeItem(at: cluster.directory)
        } catch {
            try? await cluster.pgCtl(["stop", "-m", "immediate", "-w"])
            throw error
        }
    }

    @Test func connectingToANonListeningPortFailsQuickly() async throws {
        let port = freeLocalPort()
        try await withClient(url: "postgres://nobody:pw@127.0.0.1:\(port)/none", connectTimeout: .seconds(2)) { client in
            let clock = ContinuousClock()
            let start = clock.now
            let error = try #require(await expectPostgresError { _ = try await client.query("SELECT 1") })
            #expect(error.kind == .connectionFailed)
            // A refusal is answered at once; the bound catches a hang, with room for a loaded runner
            // (a clean-clone run stalled both of these for 8.0 s while 680 tests ran at once).
            #expect(clock.now - start < .seconds(20))
            #expect(client.connectionCounts.inUse == 0)
        }
    }
}
