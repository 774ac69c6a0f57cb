import Hummingbird

extension HTTPFields {
    /// `ETag: "<version>"`, the strong tag of a row version, for responses that return a resource.
    public static func eTag(version: Int) -> HTTPFields {
        [.eTag: EntityTag(version: version).description]
    }

    /// Sets `ETag: "<version>"`.
    public mutating func setETag(version: Int) {
        self[.eTag] = EntityTag(version: version).description
    }
}
