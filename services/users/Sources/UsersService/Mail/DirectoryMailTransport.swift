import Foundation
import NIOPosix

/// Writes each message as an `.eml` file into a directory (`MAIL_DIR`), like Django's file-based
/// email backend: for development without an SMTP server. Files appear atomically: each is
/// written under a hidden temporary name (`.NAME.tmp`, which mail readers skip) and then renamed,
/// so a reader never sees half a message. The file I/O runs on NIO's blocking pool, never on the
/// cooperative pool.
public struct DirectoryMailTransport: MailTransport {
    let directory: URL

    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    public func deliver(_ mail: QueuedMail) async throws {
        let directory = self.directory
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(mail.id).eml"
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".\(name).tmp")
            try Data(mail.message.utf8).write(to: temporary)
            guard rename(temporary.path, directory.appendingPathComponent(name).path) == 0 else {
                let code = errno
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "rename failed: errno \(code)"])
            }
        }
    }
}
