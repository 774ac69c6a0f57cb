import Foundation
import Synchronization
import TestSupport

/// A tiny HTTP server answering each request with the status `respond` picks, for the answers
/// the test nginx never gives (409 on a PUT, 500, 403). It records every request it received;
/// each connection carries one request and is then closed. Call ``stop()`` when done.
final class ScriptedWebDAVServer: Sendable {
    struct Request: Equatable, Sendable, CustomStringConvertible {
        let method: String
        let target: String
        let bodyLength: Int
        var description: String { "\(method) \(target)" }
    }

    let port: Int
    private let fd: Int32
    private let respond: @Sendable (Request) -> Int
    private let received = Mutex<[Request]>([])

    init(respond: @escaping @Sendable (Request) -> Int) throws {
        self.respond = respond
        (fd, port) = try LoopbackSocket.listen(backlog: 16)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/dav/" }
    var requests: [Request] { received.withLock { $0 } }

    /// Wakes the accept thread, which then closes the socket.
    func stop() { shutdown(fd, Int32(SHUT_RDWR)) }

    private func serve() {
        defer { close(fd) }
        while true {
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            if let request = readRequest(connection) {
                received.withLock { $0.append(request) }
                let status = respond(request)
                let head = Array("HTTP/1.1 \(status) Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                head.withUnsafeBytes { _ = send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            close(connection)
        }
    }

    /// Reads the head and a `Content-Length` body.
    private func readRequest(_ connection: Int32) -> Request? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let end: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        var contentLength = 0
        while true {
            if headEnd == nil, let range = bytes.firstRange(of: end) {
                headEnd = range.upperBound
                let head = String(decoding: bytes[..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headEnd, bytes.count >= headEnd + contentLength {
                let requestLine = String(decoding: bytes[..<headEnd], as: UTF8.self).split(separator: " ", maxSplits: 2)
                guard requestLine.count >= 2 else { return nil }
                return Request(method: String(requestLine[0]), target: String(requestLine[1]), bodyLength: contentLength)
            }
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            bytes.append(contentsOf: buffer[0..<n])
        }
    }
}
