extension Duration {
    /// Whole milliseconds for libcurl's `*_MS` options, at least 1: libcurl reads 0 as "no limit",
    /// so a zero or negative duration must still time out (at once) rather than never.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 1 }
        guard seconds < Int64(Int.max / 1000) - 1 else { return Int.max }
        let ms = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        return Swift.max(1, ms)
    }
}
