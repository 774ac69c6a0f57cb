internal import CCurl

/// libcurl's process-wide initialisation, done exactly once.
///
/// `curl_global_init` is not thread-safe and must run before any other libcurl call; a Swift
/// global is initialised lazily and atomically (swift_once), so touching it from every
/// `HTTPClient.init` runs the C call once, whichever thread gets there first.
/// `curl_global_cleanup` is deliberately never called: other clients may still exist, and the
/// process exit reclaims everything.
enum CurlGlobal {
    private static let initResult: CURLcode = inkwell_curl_global_init_default()

    static func ensureInitialized() {
        precondition(initResult == CURLE_OK, "curl_global_init failed: \(initResult.rawValue)")
    }
}
