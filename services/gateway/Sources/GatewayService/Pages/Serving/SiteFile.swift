import HTTPTypes
import NIOCore

/// One version of a file of the reading site, ready to answer with: its bytes and validators,
/// computed once (when it is read), not per request.
struct SiteFile: Sendable {
    /// The bytes; a `ByteBuffer` so that every response shares them without a copy.
    let body: ByteBuffer
    /// The strong entity tag with its quotes, e.g. `"0123456789abcdef-4e20"`.
    let eTag: String?
    /// `Last-Modified` as an HTTP date, and the same in seconds since the epoch.
    let lastModified: String?
    let lastModifiedSeconds: Int?
    /// `ETag` and `Last-Modified` (those it has) as header fields, made once per version.
    let validatorFields: [HTTPField]

    init(body: ByteBuffer, eTag: String?, lastModified: String?, lastModifiedSeconds: Int?) {
        self.body = body
        self.eTag = eTag
        self.lastModified = lastModified
        self.lastModifiedSeconds = lastModifiedSeconds
        var fields: [HTTPField] = []
        if let eTag { fields.append(HTTPField(name: .eTag, value: eTag)) }
        if let lastModified { fields.append(HTTPField(name: .lastModified, value: lastModified)) }
        self.validatorFields = fields
    }

    /// A file read from a directory: the tag from its content, the date from its modification time.
    init(bytes: [UInt8], modifiedSeconds: Int) {
        self.init(
            body: ByteBuffer(bytes: bytes), eTag: ContentHash.entityTag(of: bytes, count: bytes.count),
            lastModified: HTTPDate.format(modifiedSeconds), lastModifiedSeconds: modifiedSeconds
        )
    }

    /// The file's text (a redirect file's target slug), without surrounding white space.
    var trimmedText: String {
        var view = body.readableBytesView[...]
        while let last = view.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { view = view.dropLast() }
        while let first = view.first, first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 { view = view.dropFirst() }
        return String(decoding: view, as: UTF8.self)
    }
}
