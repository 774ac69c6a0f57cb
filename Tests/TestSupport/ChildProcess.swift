import Foundation
import Synchronization

/// A child process for tests (a service, a development broker, a PostgreSQL server), with its output
/// captured in a log file. It is terminated when the object goes away, so a failing test leaves
/// nothing behind.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` is set once in init and Foundation's Process is thread-safe for
    // the calls used here (terminate, isRunning, processIdentifier, waitUntilExit).
    private let process: Process
    public let logFile: URL
    public let name: String

    public init(name: String, executable: String, arguments: [String] = [], environment: [String: String] = [:], inheritEnvironment: Bool = true, logDirectory: URL? = nil) throws {
        self.name = name
        let dir = try logDirectory ?? TestEnvironment.scratchDirectory("logs")
        logFile = dir.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        ChildProcessRegistry.shared.add(process.processIdentifier)
    }

    /// Starts `inkwell-<name>` (or any executable) from the test run's bin directory.
    public convenience init(binary: String, arguments: [String] = [], environment: [String: String] = [:], name: String? = nil) throws {
        let path = try TestEnvironment.binDir() + "/" + binary
        try self.init(name: name ?? binary, executable: path, arguments: arguments, environment: environment)
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    public var exitCode: Int32? { process.isRunning ? nil : process.terminationStatus }

    public func signal(_ sig: Int32) { if process.isRunning { kill(process.processIdentifier, sig) } }

    /// Sends SIGTERM and waits (with a deadline) for the process to exit; SIGKILL after the deadline.
    public func stop(timeout: Duration = .seconds(15)) async {
        signal(SIGTERM)
        do {
            try await pollUntil("\(name) to exit", timeout: timeout) { !self.process.isRunning }
        } catch {
            signal(SIGKILL)
        }
    }

    /// What the process wrote so far.
    public func output() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits until the process has exited and returns its status.
    public func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        try await pollUntil("\(name) to exit", timeout: timeout) { !self.process.isRunning }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        ChildProcessRegistry.shared.remove(process.processIdentifier)
    }
}

/// Children still alive when the test process exits (a suite's shared stack lives in a static)
/// are killed then, so a test run never leaves a service behind.
final class ChildProcessRegistry: Sendable {
    static let shared: ChildProcessRegistry = {
        atexit { ChildProcessRegistry.shared.killAll() }
        return ChildProcessRegistry()
    }()
    private let pids = Mutex<Set<Int32>>([])

    func add(_ pid: Int32) { pids.withLock { _ = $0.insert(pid) } }
    func remove(_ pid: Int32) { pids.withLock { _ = $0.remove(pid) } }
    func killAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
public func freeLocalPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}
