import Foundation
import Synchronization

/// Writes every API response a test received to `$INKWELL_TEST_WORK_DIR/responses/*.jsonl`, so
/// that `scripts/check-openapi.sh` can check real responses against docs/openapi.yaml after the run.
public final class ResponseRecorder: Sendable {
    private let handle: Mutex<FileHandle?>

    public init(name: String) {
        let base = ProcessInfo.processInfo.environment["INKWELL_TEST_WORK_DIR"].map { URL(fileURLWithPath: $0) }
        guard let directory = base?.appendingPathComponent("responses") else {
            handle = Mutex(nil)
            return
        }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8)).jsonl")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        handle = Mutex(try? FileHandle(forWritingTo: file))
    }

    public func record(method: String, path: String, status: Int, contentType: String?, body: [UInt8]) {
        let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        var entry: [String: Any] = ["method": method, "path": route, "status": status, "contentType": contentType ?? ""]
        entry["body"] = (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) ?? NSNull()
        guard var line = try? JSONSerialization.data(withJSONObject: entry) else { return }
        line.append(0x0A)
        handle.withLock { $0?.write(line) }
    }
}
