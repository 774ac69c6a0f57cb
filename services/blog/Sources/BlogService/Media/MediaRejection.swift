import InkwellServiceKit

/// Why an upload's body is refused: each is a 415 problem naming what was wrong.
public enum MediaRejection: Error, Equatable, Sendable, CustomStringConvertible {
    /// The declared `Content-Type` is missing or not one of the four image types.
    case unsupportedType(declared: String?)
    /// The body is empty.
    case emptyBody(declared: MediaKind)
    /// The bytes are not what was declared: another accepted kind, or nothing recognisable (nil).
    case mismatch(declared: MediaKind, actual: MediaKind?)

    public var description: String {
        let accepted = MediaKind.allCases.map(\.contentType).joined(separator: ", ")
        switch self {
        case .unsupportedType(nil):
            return "A Content-Type is required: one of \(accepted)."
        case .unsupportedType(.some(let declared)):
            // Bounded and printable: the header is the client's, the detail goes back to it and into logs.
            let shown = String(declared.unicodeScalars.prefix(100).filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init))
            return "The Content-Type \"\(shown)\" is not accepted: use one of \(accepted)."
        case .emptyBody(let declared):
            return "The body is empty; a \(declared.contentType) image was declared."
        case .mismatch(let declared, nil):
            return "The body is not a \(declared.contentType) image (its first bytes are no image format's)."
        case .mismatch(let declared, .some(let actual)):
            return "The body is a \(actual.contentType) image, but \(declared.contentType) was declared."
        }
    }

    /// The answer: 415 `unsupported-media-type` with ``description`` as the detail.
    public var problem: HTTPProblem {
        HTTPProblem(.unsupportedMediaType, detail: description)
    }
}
