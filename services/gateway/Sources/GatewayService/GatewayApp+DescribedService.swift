import InkwellServiceKit

/// `inkwell-gateway config` and `healthcheck`: what `serve` reads (the gateway has no database,
/// so no `migrate`).
extension GatewayApp: DescribedService {
    public static var executableName: String { "inkwell-gateway" }
    public static var configurationReaders: [String: (EnvironmentConfiguration) throws -> Void] {
        ["serve": { _ = try GatewayConfiguration(env: $0) }]
    }
}
