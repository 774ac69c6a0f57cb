internal import CCmarkGFM
import Synchronization

/// The process-wide side of libcmark-gfm, set up once: the core extensions registered and the lock
/// that serialises parsing.
///
/// Why a lock: cmark-gfm keeps the inline parser's table of special characters in C globals
/// (`SPECIAL_CHARS`, `SKIP_CHARS` in inlines.c) and every parse adds the extensions' characters
/// (`~`, `|`, …) before parsing inlines and removes them after (github/cmark-gfm PR #176, unmerged).
/// Two parses at once race on that table: one can lose strikethrough or table cells half-way, and
/// it is a data race in C. Only feeding and finishing touch it; building the parser, rewriting the
/// tree and rendering run outside the lock. Parsing is bounded synchronous CPU work (the caller
/// limits input to 100,000 characters), so the critical section is short and never awaits.
final class CmarkRuntime: Sendable {
    /// Created on first use; Swift runs a `static let` initialiser exactly once, thread-safely,
    /// which is what `cmark_gfm_core_extensions_ensure_registered` (itself unsynchronised) needs.
    static let shared = CmarkRuntime()

    /// The cmark-gfm extensions every parser attaches. `tagfilter` is deliberately absent: it
    /// only rewrites raw HTML nodes, and the renderer turns every raw HTML node into text first.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    private let parseLock = Mutex(())

    private init() {
        cmark_gfm_core_extensions_ensure_registered()
        for name in Self.extensionNames where cmark_find_syntax_extension(name) == nil {
            preconditionFailure("libcmark-gfm-extensions has no '\(name)' extension after registration")
        }
    }

    /// Runs `body` (feeding and finishing a parser) while no other parse runs in the process.
    func serialisingParse(_ body: () -> Void) {
        parseLock.withLock { _ in body() }
    }
}
