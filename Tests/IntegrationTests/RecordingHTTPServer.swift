import Foundation
import Synchronization
import TestSupport

/// A stand-in for a service behind the gateway: on 127.0.0.1, it records the request line of
/// every request it is sent, answers 200 `{"keys":[]}` (an empty JWK Set, so it passes for the JWKS it stands in for) and closes the connection. Call ``stop()`` when done.
final class RecordingHTTPServer: Sendable {
    let port: Int
    private let fd: Int32
    private let lines = Mutex<[String]>([])
    private static let response = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"keys\":[]}".utf8)

    init() throws {
        (fd, port) = try LoopbackSocket.listen(backlog: 16)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }
    /// Request lines received so far (`GET /path HTTP/1.1`).
    var requestLines: [String] { lines.withLock { $0 } }

    /// Wakes the accept thread, which then closes the socket.
    func stop() { shutdown(fd, Int32(SHUT_RDWR)) }

    private func serve() {
        defer { close(fd) }
        while true {
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            let head = readRequestHead(connection)
            if let line = head.split(separator: "\r\n", maxSplits: 1).first { lines.withLock { $0.append(String(line)) } }
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

    /// Reads up to the blank line that ends the request head.
    private func readRequestHead(_ connection: Int32) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: received, as: UTF8.self)
    }
}
