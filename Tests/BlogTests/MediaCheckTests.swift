import BlogService
import Testing

/// Sniffing and the declared type (MediaKind, MediaCheck): no I/O.
@Suite struct MediaCheckTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]
    static let gif87: [UInt8] = Array("GIF87a".utf8) + [1, 0, 1, 0]
    static let gif89: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)
    static let svg: [UInt8] = Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.utf8)

    @Test(arguments: [
        (png, MediaKind.png), (jpeg, .jpeg), (gif87, .gif), (gif89, .gif), (webp, .webp),
    ])
    func sniffsEachKind(_ bytes: [UInt8], _ kind: MediaKind) {
        #expect(MediaKind(sniffing: bytes) == kind)
        #expect(MediaCheck.kind(declared: kind.contentType, bytes: bytes) == .success(kind))
    }

    @Test(arguments: [
        [UInt8](), [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8], Array("GIF88a....".utf8), Array("RIFF\u{24}\0\0\0WAVEfmt ".utf8),
        Array("RIFF\u{24}\0\0".utf8), svg, Array("hello, world".utf8), Array("\u{FEFF}<?xml version=\"1.0\"?><svg/>".utf8),
    ])
    func recognisesNothingElse(_ bytes: [UInt8]) {
        #expect(MediaKind(sniffing: bytes) == nil)
    }

    @Test(arguments: [
        ("image/png", MediaKind.png), ("IMAGE/PNG", .png), ("image/jpeg", .jpeg), ("Image/Gif", .gif),
        ("image/webp; q=1", .webp), (" image/png ; charset=binary", .png), ("image/jpeg;", .jpeg),
    ])
    func declaredTypeIgnoresCaseAndParameters(_ header: String, _ kind: MediaKind) {
        #expect(MediaKind(declaredContentType: header) == kind)
    }

    @Test(arguments: [
        nil, "", "image/svg+xml", "text/plain", "application/octet-stream", "image/jpg", "image/png2", "image", "image/ png",
        "multipart/form-data; boundary=x",
    ] as [String?])
    func refusesOtherDeclaredTypes(_ header: String?) {
        #expect(MediaKind(declaredContentType: header) == nil)
        #expect(MediaCheck.declaredKind(header) == .failure(.unsupportedType(declared: header)))
        #expect(MediaCheck.kind(declared: header, bytes: Self.png) == .failure(.unsupportedType(declared: header)))
        #expect(MediaCheck.declaredKind(header).problemStatus == 415)
    }

    @Test func aPNGDeclaredAsJPEGIsAMismatch() {
        #expect(MediaCheck.kind(declared: "image/jpeg", bytes: Self.png) == .failure(.mismatch(declared: .jpeg, actual: .png)))
        #expect(MediaCheck.kind(declared: "image/webp", bytes: Self.gif89) == .failure(.mismatch(declared: .webp, actual: .gif)))
    }

    @Test func svgDeclaredAsAnImageIsAMismatch() {
        #expect(MediaCheck.kind(declared: "image/png", bytes: Self.svg) == .failure(.mismatch(declared: .png, actual: nil)))
    }

    @Test func anEmptyBodyIsRefused() {
        #expect(MediaCheck.kind(declared: "image/gif", bytes: [UInt8]()) == .failure(.emptyBody(declared: .gif)))
    }

    @Test func everyRejectionIsA415NamingTheProblem() {
        let rejections: [MediaRejection] = [
            .unsupportedType(declared: nil), .unsupportedType(declared: "image/svg+xml\r\nX-Evil: 1"), .emptyBody(declared: .png),
            .mismatch(declared: .jpeg, actual: .png), .mismatch(declared: .png, actual: nil),
        ]
        for rejection in rejections {
            #expect(rejection.problem.status.code == 415)
            #expect(rejection.problem.slug == "unsupported-media-type")
            #expect(rejection.problem.detail?.isEmpty == false)
        }
        // The client's header is echoed printable only.
        #expect(MediaRejection.unsupportedType(declared: "image/svg+xml\r\nX-Evil: 1").description.contains("\r") == false)
        #expect(MediaRejection.mismatch(declared: .jpeg, actual: .png).description.contains("image/png"))
    }

    @Test func namesAreContentAddressed() {
        let name = MediaName(bytes: Self.png, kind: .png)
        #expect(name == MediaName(bytes: Self.png, kind: .png))
        #expect(name.fileName.hasSuffix(".png"))
        #expect(name.fileName.count == 64 + 4)
        #expect(name.sinkPath.string == "media/" + name.fileName)
        #expect(name.urlPath == "/media/" + name.fileName)
        #expect(MediaName(bytes: Self.png + [0], kind: .png) != name)
        #expect(MediaName(bytes: Self.jpeg, kind: .jpeg).fileName.hasSuffix(".jpg"))
        // SHA-256 of the empty input, a known vector.
        #expect(MediaName(bytes: [], kind: .gif).fileName == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.gif")
    }
}

extension Result<MediaKind, MediaRejection> {
    var problemStatus: UInt16? {
        if case .failure(let rejection) = self { return UInt16(rejection.problem.status.code) }
        return nil
    }
}
