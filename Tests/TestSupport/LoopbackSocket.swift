#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP socket on 127.0.0.1 with a port chosen by the kernel.
public enum LoopbackSocket {
    struct Failure: Error, CustomStringConvertible {
        let call: String
        var description: String { "\(call) failed: errno \(errno)" }
    }

    public static func listen(backlog: Int32) throws -> (fd: Int32, port: Int) {
        try bind(listening: backlog)
    }

    /// A port bound on 127.0.0.1 that nobody listens on: connecting is refused, and as long as
    /// `fd` stays open no other test can take the port.
    public static func refusingPort() throws -> (fd: Int32, port: Int) {
        try bind(listening: nil)
    }

    private static func bind(listening backlog: Int32?) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(call: "socket") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, len) } }
        guard bound == 0, backlog.map({ Glibc.listen(fd, $0) == 0 }) ?? true else {
            close(fd)
            throw Failure(call: "bind/listen")
        }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }
}
