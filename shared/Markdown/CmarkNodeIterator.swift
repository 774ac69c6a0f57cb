internal import CCmarkGFM

/// Owns one `cmark_iter` over a tree; freed in `deinit`. The tree must outlive it and must not
/// change while it walks (callers collect nodes first and rewrite afterwards).
final class CmarkNodeIterator {
    /// One step of the walk: containers are entered and exited, leaves only entered.
    struct Step {
        var node: OpaquePointer
        var isEntering: Bool
    }

    private let handle: OpaquePointer

    init(root: OpaquePointer) {
        guard let handle = cmark_iter_new(root) else {
            preconditionFailure("cmark_iter_new failed (out of memory)")
        }
        self.handle = handle
    }

    deinit {
        cmark_iter_free(handle)
    }

    /// The next step, or nil when the walk is done.
    func next() -> Step? {
        let event = cmark_iter_next(handle)
        guard event != CMARK_EVENT_DONE, let node = cmark_iter_get_node(handle) else { return nil }
        return Step(node: node, isEntering: event == CMARK_EVENT_ENTER)
    }
}
