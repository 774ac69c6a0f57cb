import Metrics

/// The renderer's instruments: pages written and removed, and how long a render pass took.
struct PageMetrics: Sendable {
    let rendered = Counter(label: "inkwell_gateway_pages_rendered_total")
    let removed = Counter(label: "inkwell_gateway_pages_removed_total")
    let seconds = Metrics.Timer(label: "inkwell_gateway_pages_render_seconds")

    func record(_ outcome: SiteBuilder.Outcome, seconds duration: Duration) {
        rendered.increment(by: outcome.written)
        removed.increment(by: outcome.removed)
        seconds.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
