import Hummingbird

/// Registers routes on a Hummingbird router and remembers which methods each path has, so that
/// a known path with a wrong method answers 405 (with `Allow`) instead of the router's 404.
public final class RouteTable {
    public let router: Router<InkwellRequestContext>
    private var methods: [String: [HTTPRequest.Method]] = [:]
    private var order: [String] = []

    public init(router: Router<InkwellRequestContext>) {
        self.router = router
    }

    @discardableResult
    public func on<Output: ResponseGenerator>(
        _ path: String,
        _ method: HTTPRequest.Method,
        use handler: @escaping @Sendable (Request, InkwellRequestContext) async throws -> Output
    ) -> Self {
        router.on(RouterPath(path), method: method, use: handler)
        if methods[path] == nil { order.append(path) }
        methods[path, default: []].append(method)
        return self
    }

    /// Adds the 405 answers; call once, after the last route.
    public func finish() {
        let all: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
        for path in order {
            let allowed = methods[path] ?? []
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in all where !allowed.contains(method) && !(method == .head && allowed.contains(.get)) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    throw HTTPProblem(.methodNotAllowed, detail: "Allowed: \(allow).", headers: [.allow: allow])
                }
            }
        }
    }
}
