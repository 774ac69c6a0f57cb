import InkwellFileSink
import Testing

/// Awaits `body`, expects a ``FileSinkError`` of `kind` for `operation`, and returns how long it took.
@discardableResult
func expectFailure(
    _ kind: FileSinkError.Kind,
    _ operation: FileSinkError.Operation,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    do {
        try await body()
        Issue.record("expected FileSinkError.\(kind), got success", sourceLocation: sourceLocation)
    } catch let error as FileSinkError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.operation == operation, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected FileSinkError.\(kind), got \(error)", sourceLocation: sourceLocation)
    }
    return clock.now - start
}
