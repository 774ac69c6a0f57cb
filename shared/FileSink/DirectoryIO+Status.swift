import Glibc

extension DirectoryIO {
    /// The status of the regular file at the path, or `nil` when there is none; walks below the
    /// root as ``read()`` does (no symbolic link followed) but reads no bytes.
    func status() throws(FileSinkError) -> SinkFileStatus? {
        guard let directory = try openParent(create: false) else { return nil }
        defer { close(directory) }
        var info = stat()
        if fstatat(directory, path.name, &info, AT_SYMLINK_NOFOLLOW) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw ioFailure("fstatat", code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return Self.status(of: info)
        case S_IFLNK: throw failure(.symlinkRefused, "\(path.name) is a symbolic link")
        default: throw failure(.notARegularFile, "the path is not a regular file")
        }
    }

    /// The bytes and status of the regular file at the path, or `nil` when there is none; the
    /// status is taken from the open descriptor, so it describes exactly the bytes read.
    func readWithStatus() throws(FileSinkError) -> SinkFile? {
        guard let directory = try openParent(create: false) else { return nil }
        defer { close(directory) }
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
        let bytes = try readAll(from: fd, expected: Int(info.st_size))
        return SinkFile(bytes: bytes, status: Self.status(of: info))
    }

    static func status(of info: stat) -> SinkFileStatus {
        SinkFileStatus(
            size: Int(info.st_size), modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino), device: UInt64(info.st_dev)
        )
    }
}
