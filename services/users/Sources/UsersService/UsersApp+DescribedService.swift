import InkwellServiceKit

/// `inkwell-users config` and `healthcheck`: what `serve` and `migrate` (and `rotate-keys`, the
/// same as `migrate`) read.
extension UsersApp: DescribedService {
    public static var executableName: String { "inkwell-users" }
    public static var configurationReaders: [String: (EnvironmentConfiguration) throws -> Void] {
        [
            "serve": { _ = try UsersConfiguration(env: $0) },
            "migrate": { _ = try UsersConfiguration.database(env: $0) },
        ]
    }
}
