/// One registered handler bound to one decoded event: what its aggregate and version are, and
/// the call that applies it.
struct BoundHandler<Context>: Sendable {
    let aggregate: String
    let version: Int64
    let run: @Sendable (Context) async throws -> Void
}
