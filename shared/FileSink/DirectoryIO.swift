import Glibc

/// The blocking system calls behind ``DirectorySink`` for one operation on one path. Runs on a
/// thread pool thread only.
struct DirectoryIO: Sendable {
    let root: String
    let path: SinkPath
    let operation: FileSinkError.Operation

    func failure(_ kind: FileSinkError.Kind, _ message: String) -> FileSinkError {
        FileSinkError(kind: kind, operation: operation, path: path, message: message)
    }

    func ioFailure(_ call: String, _ code: Int32) -> FileSinkError {
        failure(.io(errno: code), "\(call) failed under \(root): \(String(cString: strerror(code)))")
    }

    // MARK: The operations

    func write(_ bytes: [UInt8], sync: Bool) throws(FileSinkError) {
        guard let directory = try openParent(create: true) else {
            throw failure(.io(errno: ENOENT), "the directory vanished while it was created")
        }
        defer { close(directory) }
        let temporary = Self.temporaryName()
        let fd = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioFailure("creating a temporary file", errno) }
        do throws(FileSinkError) {
            try writeAll(bytes, to: fd)
            if sync, fsync(fd) != 0 {
                let code = errno
                close(fd)
                throw ioFailure("fsync", code)
            }
            // close can report a deferred write error.
            if close(fd) != 0 { throw ioFailure("close", errno) }
            if renameat(directory, temporary, directory, path.name) != 0 {
                let code = errno
                if code == EISDIR || code == ENOTEMPTY || code == EEXIST {
                    throw failure(.notARegularFile, "a directory is in the way of the file")
                }
                throw ioFailure("rename", code)
            }
        } catch {
            unlinkat(directory, temporary, 0)
            throw error
        }
    }

    func delete() throws(FileSinkError) {
        guard let directory = try openParent(create: false) else { return }
        defer { close(directory) }
        if unlinkat(directory, path.name, 0) != 0 {
            let code = errno
            switch code {
            case ENOENT: return
            case EISDIR: throw failure(.notARegularFile, "a directory is at the path")
            default: throw ioFailure("unlink", code)
            }
        }
    }

    func read() throws(FileSinkError) -> [UInt8]? {
        guard let directory = try openParent(create: false) else { return nil }
        defer { close(directory) }
        // O_NONBLOCK: a FIFO planted under the root must not block the thread on open.
        let fd = openat(directory, path.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: return nil
            case ELOOP: throw failure(.symlinkRefused, "\(path.name) is a symbolic link")
            default: throw ioFailure("open", code)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ioFailure("fstat", errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw failure(.notARegularFile, "the path is not a regular file") }
        return try readAll(from: fd, expected: Int(info.st_size))
    }

    // MARK: Walking below the root without following links

    /// The descriptor of the directory that holds the file, or `nil` when a directory on the
    /// way is missing (only without `create`). Each level is opened relative to the previous
    /// descriptor with `O_NOFOLLOW`, so no symbolic link is ever followed below the root.
    func openParent(create: Bool) throws(FileSinkError) -> Int32? {
        guard var current = try openRoot(create: create) else { return nil }
        for segment in path.directories {
            var next = Self.openDirectory(at: current, segment)
            if next < 0, errno == ENOENT, create {
                if mkdirat(current, segment, 0o755) != 0, errno != EEXIST {
                    let code = errno
                    close(current)
                    throw ioFailure("mkdir \(segment)", code)
                }
                next = Self.openDirectory(at: current, segment)
            }
            if next < 0 {
                let code = errno
                defer { close(current) }
                switch code {
                case ENOENT where !create:
                    return nil
                case ELOOP, ENOTDIR:
                    if isSymbolicLink(at: current, segment) {
                        throw failure(.symlinkRefused, "\(segment) is a symbolic link")
                    }
                    if !create { return nil }
                    throw failure(.notARegularFile, "\(segment) is a file where a directory is needed")
                default:
                    throw ioFailure("open \(segment)", code)
                }
            }
            close(current)
            current = next
        }
        return current
    }

    /// The root, trusted as configured (it may be a link); created with its parents on a write.
    private func openRoot(create: Bool) throws(FileSinkError) -> Int32? {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0, errno == ENOENT {
            guard create else { return nil }
            try createRoot()
            fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard fd >= 0 else { throw ioFailure("open the root", errno) }
        return fd
    }

    /// `mkdir -p` of the root.
    private func createRoot() throws(FileSinkError) {
        var prefix = ""
        for component in root.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw ioFailure("mkdir \(prefix)", errno) }
        }
    }

    private static func openDirectory(at directory: Int32, _ name: String) -> Int32 {
        openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }

    private func isSymbolicLink(at directory: Int32, _ name: String) -> Bool {
        var info = stat()
        return fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    // MARK: Bytes

    private func writeAll(_ bytes: [UInt8], to fd: Int32) throws(FileSinkError) {
        var failedWith: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failedWith = errno
                    return
                }
                offset += n
            }
        }
        if failedWith != 0 { throw ioFailure("write", failedWith) }
    }

    func readAll(from fd: Int32, expected: Int) throws(FileSinkError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(expected)
        var chunk = [UInt8](repeating: 0, count: max(4096, min(expected + 1, 1 << 20)))
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return result }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioFailure("read", errno)
            }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    /// `.inkwell-<16 hex digits>.tmp`: hidden, so no ``SinkPath`` names it, and unique.
    static func temporaryName() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next()
        let digits = String(value, radix: 16)
        return ".inkwell-" + String(repeating: "0", count: 16 - digits.count) + digits + ".tmp"
    }
}
