#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Foundation
import InkwellAuth
import Synchronization

/// A loopback HTTP server that answers every request with the current JWKS and counts the
/// requests, standing in for the users service's `/.well-known/jwks.json`. Each connection gets
/// one response and is closed. Call ``stop()`` when done.
final class JWKSServer: Sendable {
    let port: Int
    private let fd: Int32
    private let state: Mutex<State>
    /// Signalled by ``release()`` for a held response.
    private let gate = DispatchSemaphore(value: 0)

    private struct State {
        var body: [UInt8]
        var status = 200
        var requests = 0
        var holding = false
    }

    init(document: JWKSDocument) throws {
        state = Mutex(State(body: try Self.encode(document)))
        (fd, port) = try LoopbackSocket.listen(backlog: 128)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/.well-known/jwks.json" }

    /// Requests received so far (counted when the request head has arrived).
    var requestCount: Int { state.withLock { $0.requests } }

    func setDocument(_ document: JWKSDocument) throws {
        let body = try Self.encode(document)
        state.withLock { $0.body = body }
    }

    func setBody(_ text: String) { state.withLock { $0.body = Array(text.utf8) } }

    func setStatus(_ status: Int) { state.withLock { $0.status = status } }

    /// Makes the next responses wait until ``release()``.
    func hold() { state.withLock { $0.holding = true } }

    func release() {
        state.withLock { $0.holding = false }
        gate.signal()
    }

    /// Wakes the accept thread, which then closes the socket.
    func stop() { shutdown(fd, Int32(SHUT_RDWR)) }

    private static func encode(_ document: JWKSDocument) throws -> [UInt8] {
        Array(try JSONEncoder().encode(document))
    }

    private func serve() {
        defer { close(fd) }
        while true {
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            guard readRequestHead(connection) else {
                close(connection)
                continue
            }
            let (body, status, holding) = state.withLock { state in
                state.requests += 1
                return (state.body, state.status, state.holding)
            }
            if holding { gate.wait() }
            let head = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            send(connection, Array(head.utf8) + body)
            close(connection)
        }
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let n = Glibc.send(connection, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                sent += n
            }
        }
    }

    /// Reads until the blank line that ends the request head (a GET has no body).
    private func readRequestHead(_ connection: Int32) -> Bool {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return false }
            received.append(contentsOf: buffer[0..<n])
            if received.count >= 4, (0...(received.count - 4)).contains(where: { received[$0..<$0 + 4].elementsEqual(end) }) {
                return true
            }
        }
    }
}
