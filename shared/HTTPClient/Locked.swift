import Foundation

/// A value behind a lock.
///
/// Used instead of `Synchronization.Mutex` because on Linux `Mutex` locks with raw futex calls
/// that ThreadSanitizer does not see, so every access looked like a data race; `NSLock` is a
/// pthread mutex, which the sanitizer understands. `@unchecked Sendable`: `value` is only
/// reached through `withLock`, which holds `lock` for the whole access.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
