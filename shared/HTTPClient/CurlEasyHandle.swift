internal import CCurl

/// Owner of one libcurl easy handle (`CURL *`), freed in `deinit`.
///
/// Not `Sendable`: a handle is created, configured, driven, reset and freed only on the multi
/// loop's thread (``CurlMultiLoop``), so it never needs a lock.
final class CurlEasyHandle {
    let raw: UnsafeMutableRawPointer

    init() {
        guard let raw = curl_easy_init() else { fatalError("curl_easy_init failed (out of memory)") }
        self.raw = raw
    }

    deinit { curl_easy_cleanup(raw) }

    /// Forgets every option of the previous transfer so the handle can be reused; the connection
    /// it used stays in the multi handle's cache.
    func reset() { curl_easy_reset(raw) }

    func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(inkwell_curl_easy_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(HTTPClientError) {
        // libcurl copies string options (CURLOPT_URL, CURLOPT_CUSTOMREQUEST, ...), so the
        // temporary C string only has to live for the call.
        try check(inkwell_curl_easy_setopt_string(raw, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(HTTPClientError) {
        try check(inkwell_curl_easy_setopt_pointer(raw, option, pointer), option)
    }

    func set(_ option: CURLoption, offset: Int64) throws(HTTPClientError) {
        try check(inkwell_curl_easy_setopt_off(raw, option, curl_off_t(offset)), option)
    }

    func set(_ option: CURLoption, list: CurlStringList) throws(HTTPClientError) {
        try check(inkwell_curl_easy_setopt_slist(raw, option, list.raw), option)
    }

    func info(_ info: CURLINFO) -> Int {
        var value = 0
        return inkwell_curl_easy_getinfo_long(raw, info, &value) == CURLE_OK ? value : 0
    }

    func info(offset info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return inkwell_curl_easy_getinfo_off(raw, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPClientError) {
        guard code != CURLE_OK else { return }
        let text = String(cString: curl_easy_strerror(code))
        let kind: HTTPClientError.Kind =
            switch code {
            case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidURL
            default: .transport
            }
        throw HTTPClientError(kind: kind, message: "setting curl option \(option.rawValue): \(text)")
    }
}
