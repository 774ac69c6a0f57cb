import Foundation

/// Raised by ``poll(_:timeout:interval:_:)`` when the condition did not hold before the deadline.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public let what: String
    public let timeout: Duration
    public init(what: String, timeout: Duration) {
        self.what = what
        self.timeout = timeout
    }
    public var description: String { "timed out after \(timeout) waiting for \(what)" }
}

/// Polls `body` until it returns a value, or throws ``DeadlineExceeded`` at the deadline.
///
/// Tests never sleep for a fixed time: they wait for an observable condition with a deadline.
/// Errors thrown by `body` count as "not yet" until the deadline, then the last one is rethrown.
public func poll<T>(
    _ what: String,
    timeout: Duration = .seconds(20),
    interval: Duration = .milliseconds(50),
    _ body: () async throws -> T?
) async throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    var lastError: (any Error)?
    while true {
        do {
            if let value = try await body() { return value }
            lastError = nil
        } catch {
            lastError = error
        }
        if clock.now >= deadline {
            if let lastError { throw lastError }
            throw DeadlineExceeded(what: what, timeout: timeout)
        }
        // The pause between two checks of a condition, not a wait for the condition itself.
        try await Task.sleep(for: interval)
    }
}

/// Polls until `condition` is true.
public func pollUntil(
    _ what: String,
    timeout: Duration = .seconds(20),
    interval: Duration = .milliseconds(50),
    _ condition: () async throws -> Bool
) async throws {
    _ = try await poll(what, timeout: timeout, interval: interval) { try await condition() ? true : nil }
}
