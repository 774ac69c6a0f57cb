/// A service answered an internal read, but not with a 200 and the expected JSON.
public struct UnexpectedUpstreamAnswer: Error, CustomStringConvertible {
    public var upstream: Upstream
    public var path: String
    public var status: Int

    public var description: String { "\(upstream.rawValue) answered \(status) to \(path)" }
}
