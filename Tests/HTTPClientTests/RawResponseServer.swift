import TestSupport
import Foundation

/// A tiny HTTP server for responses nginx will not produce (interim `100 Continue`, bodies
/// without a length): for every connection it reads the request head, writes `response` verbatim
/// and closes the connection. Call ``stop()`` when done.
final class RawResponseServer: @unchecked Sendable {
    // @unchecked: all stored properties are immutable after init; the accept thread only reads them.
    let port: Int
    private let fd: Int32
    private let response: [UInt8]

    init(response: String) throws {
        self.response = Array(response.utf8)
        (fd, port) = try LoopbackSocket.listen(backlog: 16)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/raw" }

    /// Wakes the accept thread, which then closes the socket (so the descriptor is not closed
    /// under a blocked accept and reused by someone else).
    func stop() { shutdown(fd, Int32(SHUT_RDWR)) }

    private func serve() {
        defer { close(fd) }
        while true {
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            readRequestHead(connection)
            response.withUnsafeBytes { bytes in
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

    /// Reads until the blank line that ends the request head (test requests carry no body).
    private func readRequestHead(_ connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !Self.containsHeadEnd(received) {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            received.append(contentsOf: buffer[0..<n])
        }
    }

    private static func containsHeadEnd(_ bytes: [UInt8]) -> Bool {
        let end: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= end.count else { return false }
        return (0...(bytes.count - end.count)).contains { bytes[$0..<$0 + end.count].elementsEqual(end) }
    }
}
