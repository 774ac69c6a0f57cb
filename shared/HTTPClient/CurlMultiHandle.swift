internal import CCurl

/// Owner of the libcurl multi handle (`CURLM *`), freed in `deinit`.
///
/// Everything except ``wakeup()`` is called on the multi loop's thread only. `curl_multi_wakeup`
/// is documented as callable from any thread, which is why this class may be `@unchecked
/// Sendable`: no other method is ever called from a second thread (see ``CurlMultiLoop``).
final class CurlMultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init() {
        guard let raw = curl_multi_init() else { fatalError("curl_multi_init failed (out of memory)") }
        self.raw = raw
    }

    /// Called after every easy handle was removed (the loop removes them before it exits).
    deinit { curl_multi_cleanup(raw) }

    func set(_ option: CURLMoption, _ value: Int) {
        // Only fails for unknown options or bad values, which would be a bug here.
        let code = inkwell_curl_multi_setopt_long(raw, option, value)
        assert(code == CURLM_OK, "curl_multi_setopt(\(option.rawValue)) failed: \(code.rawValue)")
    }

    /// Interrupts a `curl_multi_poll` in progress (or makes the next one return at once).
    func wakeup() { curl_multi_wakeup(raw) }
}
