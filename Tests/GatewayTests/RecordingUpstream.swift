import Foundation
import GatewayService
import InkwellHTTPClient
import Synchronization

/// A fake of the services behind the gateway: records every request it is sent and answers it
/// with `answer` (or its error) (by default 200 `{"ok": true}`). Nothing leaves the test process.
final class RecordingUpstream: UpstreamTransport, Sendable {
    private let recorded = Mutex<[HTTPClientRequest]>([])
    let answer: @Sendable (HTTPClientRequest) throws -> HTTPClientResponse

    init(answer: @escaping @Sendable (HTTPClientRequest) throws -> HTTPClientResponse = { _ in RecordingUpstream.json(#"{"ok": true}"#) }) {
        self.answer = answer
    }

    var requests: [HTTPClientRequest] { recorded.withLock { $0 } }
    var urls: [String] { requests.map(\.url) }

    func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        recorded.withLock { $0.append(request) }
        return try answer(request)
    }

    static func json(_ text: String, status: Int = 200, headers: [HTTPHeader] = []) -> HTTPClientResponse {
        HTTPClientResponse(
            status: status, headers: [HTTPHeader(name: "Content-Type", value: "application/json")] + headers,
            body: Array(text.utf8), connectionReused: false, totalTime: .zero
        )
    }
}
