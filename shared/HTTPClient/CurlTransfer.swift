import NIOConcurrencyHelpers
internal import CCurl
import Foundation

/// One request or mail on its way through the ``CurlMultiLoop``: what to send, the
/// continuation of the awaiting task, and the buffers libcurl reads from and writes into.
///
/// `@unchecked Sendable` because the object crosses from the awaiting task to the loop thread.
/// This is safe because the state is split in two:
/// - `completion` is ``Locked`` and is the only state touched by several threads
///   (the task that starts it, a cancellation handler, the loop thread, `shutdown`).
/// - Everything else after `job` is touched only on the loop thread, between ``attach(to:configuration:)``
///   and ``detach()``; the hand-over itself goes through the loop's locked inbox, which orders it.
/// libcurl's callbacks run inside `curl_multi_perform` on the loop thread, so they obey the
/// same rule. They get the object unretained: the loop's table of active transfers keeps it
/// alive for as long as the easy handle is in the multi handle.
final class CurlTransfer: @unchecked Sendable {
    enum Job: Sendable {
        case http(HTTPClientRequest)
        case mail(MailMessage, url: String)
    }

    private enum CompletionState {
        case idle
        case waiting(CheckedContinuation<HTTPClientResponse, any Error>)
        case cancelledBeforeStart
        case done
    }

    let job: Job
    let timeout: Duration
    private let maxResponseBodySize: Int
    private let completion = NIOLockedValueBox<CompletionState>(.idle)

    // Loop-thread-only state.
    private(set) var easy: CurlEasyHandle?
    private var stringLists: [CurlStringList] = []
    private var upload: UnsafeMutableRawBufferPointer?
    private var uploadLength = 0
    private var uploadOffset = 0
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var responseHeaders: [HTTPHeader] = []
    private var responseBody: [UInt8] = []
    private var bodyTooLarge = false
    /// The SMTP server's last reply line, added to error messages (libcurl's own text is often
    /// just "Weird server reply").
    private var lastServerReply = ""

    init(job: Job, timeout: Duration, maxResponseBodySize: Int) {
        self.job = job
        self.timeout = timeout
        self.maxResponseBodySize = maxResponseBodySize
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        upload?.deallocate()
        errorBuffer.deallocate()
    }

    // MARK: Completion (any thread)

    /// Registers the awaiting task's continuation. Returns false (and has already resumed it with
    /// `.cancelled`) when the task was cancelled before it got here.
    func begin(_ continuation: CheckedContinuation<HTTPClientResponse, any Error>) -> Bool {
        let cancelledEarly = completion.withLockedValue { state -> Bool in
            if case .cancelledBeforeStart = state {
                state = .done
                return true
            }
            state = .waiting(continuation)
            return false
        }
        if cancelledEarly {
            continuation.resume(throwing: HTTPClientError(kind: .cancelled, message: "the request was cancelled"))
        }
        return !cancelledEarly
    }

    /// Resumes the awaiting task with `.cancelled` right away (the loop removes the easy handle
    /// afterwards). Returns true when the transfer had been started and so must be removed.
    func cancel() -> Bool {
        let continuation = completion.withLockedValue { state -> CheckedContinuation<HTTPClientResponse, any Error>? in
            switch state {
            case .idle:
                state = .cancelledBeforeStart
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .cancelledBeforeStart, .done:
                return nil
            }
        }
        continuation?.resume(throwing: HTTPClientError(kind: .cancelled, message: "the request was cancelled"))
        return continuation != nil
    }

    /// Resumes the awaiting task unless it was already resumed (cancellation wins a race).
    func finish(_ result: Result<HTTPClientResponse, HTTPClientError>) {
        let continuation = completion.withLockedValue { state -> CheckedContinuation<HTTPClientResponse, any Error>? in
            guard case .waiting(let continuation) = state else { return nil }
            state = .done
            return continuation
        }
        continuation?.resume(with: result.mapError { $0 as any Error })
    }

    var isFinished: Bool {
        completion.withLockedValue { state in
            if case .done = state { return true }
            return false
        }
    }

    // MARK: Loop thread

    /// Configures `handle` (freshly created or reset) for this transfer.
    func attach(to handle: CurlEasyHandle, configuration: HTTPClient.Configuration) throws(HTTPClientError) {
        easy = handle
        let opaqueSelf = Unmanaged.passUnretained(self).toOpaque()
        try handle.set(CURLOPT_NOSIGNAL, 1)  // signals and threads do not mix; timeouts use the multi loop
        try handle.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try handle.set(CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds)
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        try handle.set(CURLOPT_FOLLOWLOCATION, 0)
        try handle.set(CURLOPT_WRITEDATA, pointer: opaqueSelf)
        try handle.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(maxResponseBodySize))
        try check(inkwell_curl_easy_setopt_write_cb(handle.raw, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            guard let user else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        switch job {
        case .http(let request):
            try attachHTTP(request, to: handle, self: opaqueSelf)
        case .mail(let message, let url):
            try attachMail(message, url: url, to: handle, self: opaqueSelf)
        }
    }

    private func attachHTTP(_ request: HTTPClientRequest, to handle: CurlEasyHandle, self opaqueSelf: UnsafeMutableRawPointer) throws(HTTPClientError) {
        try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try handle.set(CURLOPT_URL, request.url)
        // The path goes out exactly as given: libcurl would otherwise resolve `.`/`..` segments
        // itself, turning a caller's `/api/v1/auth/../../internal/...` into `/internal/...`.
        try handle.set(CURLOPT_PATH_AS_IS, 1)
        try handle.set(CURLOPT_HEADERDATA, pointer: opaqueSelf)
        try check(inkwell_curl_easy_setopt_write_cb(handle.raw, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            guard let user else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })

        let method = request.method
        // POST, PUT and PATCH always carry a body (maybe empty) so that a Content-Length is sent;
        // nginx answers 411 to a PUT without one.
        let body = request.body ?? (method == "POST" || method == "PUT" || method == "PATCH" ? [] : nil)
        if let body {
            // CURLOPT_POSTFIELDS does not copy: the bytes live in `upload` until detach().
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(body.count, 1), alignment: 1)
            buffer.copyBytes(from: body)
            upload = buffer
            try handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
            try handle.set(CURLOPT_POSTFIELDS, pointer: buffer.baseAddress)
        }
        switch method {
        case "GET" where body == nil:
            break  // libcurl's default
        case "POST" where body != nil:
            break  // implied by CURLOPT_POSTFIELDS
        case "HEAD":
            try handle.set(CURLOPT_NOBODY, 1)  // otherwise libcurl waits for a body that never comes
        default:
            try handle.set(CURLOPT_CUSTOMREQUEST, method)
        }

        var lines: [String] = []
        var hasContentType = false
        var hasExpect = false
        for header in request.headers {
            if header.name.utf8.elementsEqualIgnoringASCIICase("content-type") { hasContentType = true }
            if header.name.utf8.elementsEqualIgnoringASCIICase("expect") { hasExpect = true }
            // "Name:" would make libcurl drop the header; "Name;" sends it with an empty value.
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        // Without this libcurl sends `Expect: 100-continue` for large bodies and waits up to
        // a second for a `100 Continue` that nginx's WebDAV module does not send.
        if !hasExpect { lines.append("Expect:") }
        // CURLOPT_POSTFIELDS would otherwise label every body as a form.
        if body != nil && !hasContentType { lines.append("Content-Type:") }
        let list = CurlStringList(lines)
        stringLists.append(list)
        try handle.set(CURLOPT_HTTPHEADER, list: list)
    }

    private func attachMail(_ message: MailMessage, url: String, to handle: CurlEasyHandle, self opaqueSelf: UnsafeMutableRawPointer) throws(HTTPClientError) {
        try handle.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try handle.set(CURLOPT_URL, url)
        try handle.set(CURLOPT_MAIL_FROM, message.from)
        let recipients = CurlStringList(message.recipients)
        stringLists.append(recipients)
        try handle.set(CURLOPT_MAIL_RCPT, list: recipients)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(message.data.count, 1), alignment: 1)
        buffer.copyBytes(from: message.data)
        upload = buffer
        uploadLength = message.data.count
        uploadOffset = 0
        try handle.set(CURLOPT_UPLOAD, 1)
        try handle.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.data.count))
        try handle.set(CURLOPT_HEADERDATA, pointer: opaqueSelf)
        try check(inkwell_curl_easy_setopt_write_cb(handle.raw, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            // For SMTP libcurl passes the server's replies here.
            guard let user else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
            transfer.receiveServerReply(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        try handle.set(CURLOPT_READDATA, pointer: opaqueSelf)
        try check(inkwell_curl_easy_setopt_read_cb(handle.raw, CURLOPT_READFUNCTION) { data, size, count, user in
            guard let user, let data else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
            return transfer.sendUpload(into: UnsafeMutableRawBufferPointer(start: data, count: size * count))
        })
    }

    /// Hands the easy handle back (still in its last configuration, to be reset by the pool)
    /// and frees the buffers and lists it pointed into.
    func detach() -> CurlEasyHandle? {
        defer {
            easy = nil
            stringLists.removeAll()
            upload?.deallocate()
            upload = nil
        }
        return easy
    }

    /// Builds the outcome after libcurl reported the transfer done with `code`.
    func result(for code: CURLcode) -> Result<HTTPClientResponse, HTTPClientError> {
        guard let easy else { return .failure(HTTPClientError(kind: .transport, message: "transfer has no handle")) }
        guard code == CURLE_OK else { return .failure(error(for: code)) }
        let micros = easy.info(offset: CURLINFO_TOTAL_TIME_T)
        return .success(
            HTTPClientResponse(
                status: easy.info(CURLINFO_RESPONSE_CODE),
                headers: responseHeaders,
                body: responseBody,
                connectionReused: easy.info(CURLINFO_NUM_CONNECTS) == 0,
                totalTime: .microseconds(micros)
            )
        )
    }

    private func error(for code: CURLcode) -> HTTPClientError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let kind: HTTPClientError.Kind =
            switch code {
            case CURLE_OPERATION_TIMEDOUT: .timeout
            case CURLE_COULDNT_CONNECT: .connectionRefused
            case CURLE_COULDNT_RESOLVE_HOST: .couldNotResolveHost
            case CURLE_FILESIZE_EXCEEDED: .responseTooLarge
            case CURLE_WRITE_ERROR where bodyTooLarge: .responseTooLarge
            case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidURL
            default: .transport
            }
        if kind == .responseTooLarge {
            return HTTPClientError(kind: kind, message: "response body exceeds \(maxResponseBodySize) bytes")
        }
        if !lastServerReply.isEmpty {
            return HTTPClientError(kind: kind, message: "\(message) (server: \(lastServerReply))")
        }
        return HTTPClientError(kind: kind, message: message)
    }

    // MARK: libcurl callbacks (loop thread, inside curl_multi_perform)

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        // CURLOPT_MAXFILESIZE only helps when the server announces a length; chunked and
        // close-delimited bodies are checked here. Returning less than offered aborts the
        // transfer with CURLE_WRITE_ERROR.
        guard responseBody.count + bytes.count <= maxResponseBodySize else {
            bodyTooLarge = true
            return 0
        }
        responseBody.append(contentsOf: bytes)
        return bytes.count
    }

    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        // Parsed on bytes (one String per name and value, nothing in between): this runs for
        // every header of every response. As a String, "\r\n" would be one Character anyway.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        guard end > 0 else { return }
        if end >= 5, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
           bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/") {
            // A new status line: a 100 Continue (or any earlier response) ended, keep only the
            // headers of the response that follows.
            responseHeaders.removeAll(keepingCapacity: true)
            return
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func text(_ range: Range<Int>) -> String {
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, isBlank(bytes[lower]) { lower += 1 }
            while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        }
        if isBlank(bytes[0]), !responseHeaders.isEmpty {
            // Obsolete line folding: the line continues the previous value.
            responseHeaders[responseHeaders.count - 1].value += " " + text(0..<end)
            return
        }
        guard let colon = bytes[0..<end].firstIndex(of: UInt8(ascii: ":")) else { return }
        responseHeaders.append(HTTPHeader(name: text(0..<colon), value: text((colon + 1)..<end)))
    }

    private func receiveServerReply(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !line.isEmpty { lastServerReply = String(line.prefix(200)) }
    }

    private func sendUpload(into destination: UnsafeMutableRawBufferPointer) -> Int {
        guard let upload else { return 0 }
        let count = min(destination.count, uploadLength - uploadOffset)
        guard count > 0 else { return 0 }
        destination.baseAddress!.copyMemory(from: upload.baseAddress! + uploadOffset, byteCount: count)
        uploadOffset += count
        return count
    }

    private func check(_ code: CURLcode) throws(HTTPClientError) {
        guard code != CURLE_OK else { return }
        throw HTTPClientError(kind: .transport, message: String(cString: curl_easy_strerror(code)))
    }
}

extension String.UTF8View {
    /// Equal to `other` (ASCII letters compared without case), without allocating.
    fileprivate func elementsEqualIgnoringASCIICase(_ other: StaticString) -> Bool {
        guard count == other.utf8CodeUnitCount else { return false }
        return other.withUTF8Buffer { expected in
            zip(self, expected).allSatisfy { a, b in a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) }
        }
    }
}
