/// What identifies one version of a file in a directory sink, from `fstat`: a writer replaces a
/// file by renaming a new one over it, so a new version has a new inode (and usually a new
/// modification time and size). Equal statuses mean the same bytes for a reader's purposes.
public struct SinkFileStatus: Hashable, Sendable {
    /// The size in bytes.
    public var size: Int
    /// The modification time, seconds since the epoch.
    public var modifiedSeconds: Int
    /// The nanoseconds of the modification time.
    public var modifiedNanoseconds: Int
    /// The inode number and device: a renamed-over file has a new one.
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int, modifiedSeconds: Int, modifiedNanoseconds: Int, inode: UInt64, device: UInt64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.device = device
    }
}
