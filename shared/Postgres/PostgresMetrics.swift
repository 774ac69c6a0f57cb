import Metrics

/// The client's swift-metrics instruments (all named `inkwell_db_*`, dimension `application`).
struct PostgresMetrics: Sendable {
    let inUse: Metrics.Gauge
    let idle: Metrics.Gauge
    let queries: Counter
    let queryErrors: Counter
    let checkoutWait: Metrics.Timer

    init(applicationName: String) {
        let dimensions = [("application", applicationName)]
        inUse = Metrics.Gauge(label: "inkwell_db_connections_in_use", dimensions: dimensions)
        idle = Metrics.Gauge(label: "inkwell_db_connections_idle", dimensions: dimensions)
        queries = Counter(label: "inkwell_db_queries_total", dimensions: dimensions)
        queryErrors = Counter(label: "inkwell_db_query_errors_total", dimensions: dimensions)
        checkoutWait = Metrics.Timer(label: "inkwell_db_checkout_wait_seconds", dimensions: dimensions)
    }
}
