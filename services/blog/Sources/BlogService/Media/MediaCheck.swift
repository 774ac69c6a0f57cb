/// The decision about an upload's body, without I/O: the declared `Content-Type` must be one of
/// the accepted ``MediaKind``s and the bytes must start with that kind's magic number.
public enum MediaCheck {
    /// The declared kind, before the body is read (so a wrong type costs no upload).
    public static func declaredKind(_ contentType: String?) -> Result<MediaKind, MediaRejection> {
        guard let kind = MediaKind(declaredContentType: contentType) else { return .failure(.unsupportedType(declared: contentType)) }
        return .success(kind)
    }

    /// `bytes` checked against the kind declared by `contentType`.
    public static func kind(declared contentType: String?, bytes: some Collection<UInt8>) -> Result<MediaKind, MediaRejection> {
        declaredKind(contentType).flatMap { declared in
            if bytes.isEmpty { return .failure(.emptyBody(declared: declared)) }
            let actual = MediaKind(sniffing: bytes)
            return actual == declared ? .success(declared) : .failure(.mismatch(declared: declared, actual: actual))
        }
    }
}
