#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// A port that accepts TCP connections (the kernel completes the handshake into the backlog)
/// but never reads or answers: requests to it hang until their timeout or cancellation.
final class BlackHoleListener {
    let port: Int
    private let fd: Int32

    init() throws {
        (fd, port) = try LoopbackSocket.listen(backlog: 64)
    }

    deinit { close(fd) }

    var url: String { "http://127.0.0.1:\(port)/never" }

    /// Whether a connection is waiting in the backlog, i.e. a client got as far as connecting.
    var hasPendingConnection: Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return Glibc.poll(&pfd, 1, 0) > 0 && pfd.revents & Int16(POLLIN) != 0
    }
}
