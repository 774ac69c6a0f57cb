import InkwellDataKit
import InkwellServiceKit

/// `inkwell-blog config` and `healthcheck`: what `serve` and `migrate` (and the admin
/// subcommands, the same as `migrate`) read.
extension BlogApp: DescribedService {
    public static var configurationReaders: [String: (EnvironmentConfiguration) throws -> Void] {
        [
            "serve": { _ = try BlogConfiguration(env: $0) },
            "migrate": { _ = try DataServiceConfiguration.database(serviceName: schema, env: $0) },
        ]
    }
}
