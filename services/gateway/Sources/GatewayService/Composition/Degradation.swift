import HTTPTypes

/// Which services a composed answer had to do without: each names a non-critical part left
/// empty or null. The answer still comes (200), says so in `X-Inkwell-Degraded` and is never
/// cached (it would outlive the outage).
public struct Degradation: Sendable, Equatable {
    public private(set) var missing: Set<Upstream> = []

    public init(missing: Set<Upstream> = []) { self.missing = missing }

    /// Records that `upstream`'s part could not be had.
    public mutating func record(_ upstream: Upstream) { missing.insert(upstream) }

    /// Records `upstream` as missing when its part is nil; the part, for chaining.
    public mutating func require<Part>(_ part: Part?, from upstream: Upstream) -> Part? {
        if part == nil { missing.insert(upstream) }
        return part
    }

    public var isDegraded: Bool { !missing.isEmpty }

    /// `X-Inkwell-Degraded`: the missing services' names, sorted, comma-separated; nil when none.
    public var headerValue: String? {
        isDegraded ? missing.map(\.rawValue).sorted().joined(separator: ",") : nil
    }
}

extension HTTPField.Name {
    /// Names the services a composed answer had to do without.
    static let inkwellDegraded = Self("X-Inkwell-Degraded")!
}
