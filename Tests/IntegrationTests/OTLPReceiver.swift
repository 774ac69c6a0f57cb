import Foundation
import Synchronization
import TestSupport

/// A stand-in for an OpenTelemetry collector: OTLP/HTTP with JSON encoding
/// (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) on 127.0.0.1. It reads every `POST /v1/traces`,
/// keeps the spans, answers 200 `{}` (an empty ExportTraceServiceResponse) and closes the
/// connection. Call ``stop()`` when done.
final class OTLPReceiver: Sendable {
    /// One received span, ids as lower-case hex.
    struct ReceivedSpan: Sendable, CustomStringConvertible {
        var service: String
        var name: String
        /// OTLP `SpanKind`: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
        var kind: Int
        var traceId: String
        var spanId: String
        var parentSpanId: String?
        /// String, integer and boolean attributes, as text.
        var attributes: [String: String]
        var linkedTraceIds: [String]

        var description: String { "\(service) \(name) kind=\(kind) trace=\(traceId) span=\(spanId) parent=\(parentSpanId ?? "-")" }
    }

    let port: Int
    private let fd: Int32
    private let received = Mutex<[ReceivedSpan]>([])
    private static let response = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".utf8)

    init() throws {
        (fd, port) = try LoopbackSocket.listen(backlog: 64)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// `OTEL_EXPORTER_OTLP_ENDPOINT` for the services (the exporter appends `/v1/traces`).
    var endpoint: String { "http://127.0.0.1:\(port)" }
    var spans: [ReceivedSpan] { received.withLock { $0 } }

    /// Wakes the accept thread, which then closes the socket.
    func stop() { shutdown(fd, Int32(SHUT_RDWR)) }

    private func serve() {
        defer { close(fd) }
        while true {
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            // One connection at a time is enough: the exporters send a batch every few hundred ms.
            let body = readRequest(connection)
            if let body { received.withLock { $0.append(contentsOf: Self.spans(fromJSON: body)) } }
            Self.response.withUnsafeBytes { bytes in
                var sent = 0
                while sent < bytes.count {
                    let n = send(connection, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                    if n <= 0 { break }
                    sent += n
                }
            }
            close(connection)
        }
    }

    /// Reads the request head and its `Content-Length` body; nil when the connection ends first.
    private func readRequest(_ connection: Int32) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var length = 0
        while true {
            if headEnd == nil, let end = data.firstRange(of: separator)?.upperBound {
                headEnd = end
                let head = String(decoding: data[..<end], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headEnd, data.count - headEnd >= length { return Array(data[headEnd..<(headEnd + length)]) }
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    /// The spans of an ExportTraceServiceRequest in protobuf's JSON mapping (ids in base64, as
    /// swift-protobuf writes bytes; hex, as the OTLP spec asks, is taken too).
    static func spans(fromJSON body: [UInt8]) -> [ReceivedSpan] {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return [] }
        var spans: [ReceivedSpan] = []
        for resourceSpans in root["resourceSpans"] as? [[String: Any]] ?? [] {
            let resource = attributes((resourceSpans["resource"] as? [String: Any])?["attributes"])
            for scopeSpans in resourceSpans["scopeSpans"] as? [[String: Any]] ?? [] {
                for span in scopeSpans["spans"] as? [[String: Any]] ?? [] {
                    let links = (span["links"] as? [[String: Any]] ?? []).compactMap { id($0["traceId"]) }
                    spans.append(ReceivedSpan(
                        service: resource["service.name"] ?? "", name: span["name"] as? String ?? "",
                        kind: (span["kind"] as? NSNumber)?.intValue ?? 0,
                        traceId: id(span["traceId"]) ?? "", spanId: id(span["spanId"]) ?? "", parentSpanId: id(span["parentSpanId"]),
                        attributes: attributes(span["attributes"]), linkedTraceIds: links
                    ))
                }
            }
        }
        return spans
    }

    private static func id(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        if (text.count == 32 || text.count == 16), text.allSatisfy(\.isHexDigit) { return text.lowercased() }
        guard let bytes = Data(base64Encoded: text) else { return nil }
        return bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    private static func attributes(_ value: Any?) -> [String: String] {
        var result: [String: String] = [:]
        for attribute in value as? [[String: Any]] ?? [] {
            guard let key = attribute["key"] as? String, let value = attribute["value"] as? [String: Any] else { continue }
            if let string = value["stringValue"] as? String { result[key] = string }
            else if let int = value["intValue"] { result[key] = "\(int)" }
            else if let bool = value["boolValue"] { result[key] = "\(bool)" }
        }
        return result
    }
}
