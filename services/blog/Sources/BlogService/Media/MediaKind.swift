/// The image formats `POST /api/v1/media` accepts (API.md), each recognised by its magic number.
public enum MediaKind: String, Sendable, CaseIterable {
    case png, jpeg, gif, webp

    /// The media type stored and answered, e.g. `image/png`.
    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        }
    }

    /// The file name extension of a stored upload, e.g. `png`.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .gif: "gif"
        case .webp: "webp"
        }
    }

    /// The kind a `Content-Type` header declares: parameters (`; charset=...`) and surrounding
    /// whitespace are ignored, the type compares case-insensitively; nil for any other type
    /// (SVG, text, `image/jpg`, a missing header).
    public init?(declaredContentType header: String?) {
        guard let header else { return nil }
        let essence = header.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let start = essence.drop(while: isSpace)
        let type = start.lastIndex(where: { !isSpace($0) }).map { start[...$0].lowercased() } ?? ""
        guard let kind = Self.allCases.first(where: { $0.contentType == type }) else { return nil }
        self = kind
    }

    /// The kind whose magic number starts `bytes`, or nil: PNG `89 50 4E 47 0D 0A 1A 0A`,
    /// JPEG `FF D8 FF`, GIF `GIF87a`/`GIF89a`, WebP `RIFF` + 4 length bytes + `WEBP`.
    public init?(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(12))
        if head.starts(with: Self.pngSignature) {
            self = .png
        } else if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) {
            self = .gif
        } else if head.count == 12, head[0..<4].elementsEqual("RIFF".utf8), head[8..<12].elementsEqual("WEBP".utf8) {
            self = .webp
        } else {
            return nil
        }
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}
