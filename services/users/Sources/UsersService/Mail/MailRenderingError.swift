/// Why a message could not be rendered.
public enum MailRenderingError: Error, CustomStringConvertible {
    /// An address with whitespace, control or structural characters (`<>,"` ...): writing it into
    /// `To:` would add recipients or headers.
    case unsafeAddress

    public var description: String {
        switch self {
        case .unsafeAddress: "the address is not a plain address; refusing to write it into a header"
        }
    }
}
