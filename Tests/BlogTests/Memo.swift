import Synchronization

/// A counter shared with a `@Sendable` clock closure.
final class Memo: Sendable {
    private let value: Mutex<Int>
    init(_ start: Int) { value = Mutex(start) }
    func next() -> Int { value.withLock { current in defer { current += 1 }; return current } }
}
