// swift-tools-version:6.2
import PackageDescription

// Inkwell: four services (users, blog, comments, gateway) on one shared platform.
// `shared/` holds the platform modules and the only targets that import C;
// each service is a library (all logic, testable) plus a tiny executable.

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let tracing = Target.Dependency.product(name: "Tracing", package: "swift-distributed-tracing")

/// A service: `services/<dir>/Sources/<Name>Service` (library) and `.../<Name>Main` (the `inkwell-<dir>` executable).
func service(_ name: String, dir: String, dependencies: [Target.Dependency], resources: [Resource] = [], mainDependencies: [Target.Dependency] = []) -> [Target] {
    [
        .target(
            name: "\(name)Service",
            dependencies: ["InkwellCore", "InkwellContracts"] + dependencies,
            path: "services/\(dir)/Sources/\(name)Service",
            resources: resources,
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "inkwell-\(dir)",
            dependencies: [.target(name: "\(name)Service"), "InkwellServiceKit", argumentParser] + mainDependencies,
            path: "services/\(dir)/Sources/\(name)Main",
            swiftSettings: swiftSettings
        ),
    ]
}

let package = Package(
    name: "inkwell",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "inkwell-users", targets: ["inkwell-users"]),
        .executable(name: "inkwell-blog", targets: ["inkwell-blog"]),
        .executable(name: "inkwell-comments", targets: ["inkwell-comments"]),
        .executable(name: "inkwell-gateway", targets: ["inkwell-gateway"]),
        .executable(name: "inkwell-devbroker", targets: ["inkwell-devbroker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-service-context", from: "1.5.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context", from: "1.0.0"),
        // OTLP/HTTP only: the gRPC exporter's dependencies would double the first build.
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // C libraries from Debian; only the matching Inkwell* wrapper imports each.
        .systemLibrary(name: "CLibPQ", path: "shared/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CRdKafka", path: "shared/CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(name: "CArgon2", path: "shared/CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CCurl", path: "shared/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCmarkGFM", path: "shared/CCmarkGFM", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // The platform. InkwellCore is the bottom: no C, no I/O.
        .target(name: "InkwellCore", dependencies: [.product(name: "ServiceContextModule", package: "swift-service-context"), .product(name: "Instrumentation", package: "swift-distributed-tracing"), .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"), log, lifecycle], path: "shared/Core", swiftSettings: swiftSettings),
        .target(name: "InkwellContracts", dependencies: ["InkwellCore"], path: "shared/Contracts", swiftSettings: swiftSettings),
        .target(name: "InkwellPostgres", dependencies: ["CLibPQ", "InkwellCore", .product(name: "ServiceContextModule", package: "swift-service-context"), log, metrics, lifecycle, nioPosix, tracing, .product(name: "Crypto", package: "swift-crypto")], path: "shared/Postgres", swiftSettings: swiftSettings),
        .target(name: "InkwellKafka", dependencies: ["CRdKafka", log, lifecycle], path: "shared/Kafka", swiftSettings: swiftSettings),
        .target(name: "InkwellHTTPClient", dependencies: ["CCurl", "InkwellCore", log, lifecycle, tracing, .product(name: "NIOConcurrencyHelpers", package: "swift-nio")], path: "shared/HTTPClient", swiftSettings: swiftSettings),
        .target(name: "InkwellFileSink", dependencies: ["InkwellHTTPClient", log, nioPosix], path: "shared/FileSink", swiftSettings: swiftSettings),
        .target(name: "InkwellPasswords", dependencies: ["CArgon2", "InkwellCore", nioPosix], path: "shared/Passwords", swiftSettings: swiftSettings),
        // GitHub-flavoured Markdown to safe HTML and plain text (libcmark-gfm).
        .target(name: "InkwellMarkdown", dependencies: ["CCmarkGFM"], path: "shared/Markdown", swiftSettings: swiftSettings),
        .target(
            name: "InkwellAuth",
            dependencies: ["InkwellCore", "InkwellHTTPClient", log, lifecycle, .product(name: "JWTKit", package: "jwt-kit")],
            path: "shared/Auth",
            swiftSettings: swiftSettings
        ),
        // Typed event handlers, retries, dead letters: the consuming loop without a database (the gateway's).
        .target(name: "InkwellEventStream", dependencies: ["InkwellCore", "InkwellContracts", "InkwellKafka", .product(name: "ServiceContextModule", package: "swift-service-context"), log, metrics, lifecycle, tracing], path: "shared/EventStream", swiftSettings: swiftSettings),
        .target(name: "InkwellEvents", dependencies: ["InkwellCore", "InkwellContracts", "InkwellPostgres", "InkwellKafka", "InkwellEventStream", .product(name: "ServiceContextModule", package: "swift-service-context"), log, metrics, lifecycle, tracing], path: "shared/Events", swiftSettings: swiftSettings),
        // The HTTP edge of every service (the gateway too): no database client.
        .target(
            name: "InkwellServiceKit",
            dependencies: [
                "InkwellCore", "InkwellAuth", .product(name: "ServiceContextModule", package: "swift-service-context"), hummingbird, httpTypes, log, metrics, lifecycle, argumentParser, tracing,
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            path: "shared/ServiceKit",
            swiftSettings: swiftSettings
        ),
        // The database wiring of the data-owning services: pool, migrations, producer, relay.
        .target(
            name: "InkwellDataKit",
            dependencies: ["InkwellCore", "InkwellServiceKit", "InkwellPostgres", "InkwellKafka", "InkwellEvents", "InkwellEventStream", argumentParser, log, lifecycle],
            path: "shared/DataKit",
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "inkwell-devbroker", dependencies: ["InkwellKafka", log, argumentParser], path: "shared/DevBroker", swiftSettings: swiftSettings),
    ]
    + service("Users", dir: "users", dependencies: ["InkwellServiceKit", "InkwellDataKit", "InkwellPostgres", "InkwellEvents", "InkwellPasswords", "InkwellAuth", "InkwellHTTPClient", .product(name: "Crypto", package: "swift-crypto"), hummingbird, log, lifecycle, nioPosix], resources: [.copy("Migrations")], mainDependencies: ["InkwellPasswords", "InkwellDataKit"])
    + service("Blog", dir: "blog", dependencies: ["InkwellServiceKit", "InkwellDataKit", "InkwellPostgres", "InkwellEvents", "InkwellEventStream", "InkwellAuth", "InkwellHTTPClient", "InkwellMarkdown", "InkwellFileSink", .product(name: "Crypto", package: "swift-crypto"), hummingbird, log], resources: [.copy("Migrations")], mainDependencies: ["InkwellDataKit"])
    + service("Comments", dir: "comments", dependencies: ["InkwellServiceKit", "InkwellDataKit", "InkwellPostgres", "InkwellEvents", "InkwellEventStream", "InkwellAuth", "InkwellHTTPClient", "InkwellKafka", hummingbird, log, lifecycle], resources: [.copy("Migrations")], mainDependencies: ["InkwellDataKit"])
    + service("Gateway", dir: "gateway", dependencies: ["InkwellServiceKit", "InkwellHTTPClient", "InkwellFileSink", "InkwellKafka", hummingbird, httpTypes, log, metrics, lifecycle, nioPosix, .product(name: "Mustache", package: "swift-mustache")])
    + [
        // Shared helpers for tests: the test stack's environment, polling with a deadline, child processes.
        .target(name: "TestSupport", dependencies: ["InkwellHTTPClient", "InkwellPostgres", log], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "PostgresTests", dependencies: ["InkwellPostgres", "InkwellCore", "TestSupport", tracing, .product(name: "InMemoryTracing", package: "swift-distributed-tracing"), .product(name: "ServiceContextModule", package: "swift-service-context")], path: "Tests/PostgresTests", swiftSettings: swiftSettings),
        .testTarget(name: "KafkaTests", dependencies: ["InkwellKafka", "TestSupport", lifecycle, log], path: "Tests/KafkaTests", swiftSettings: swiftSettings),
        .testTarget(name: "HTTPClientTests", dependencies: ["InkwellHTTPClient", "TestSupport"], path: "Tests/HTTPClientTests", swiftSettings: swiftSettings),
        .testTarget(name: "FileSinkTests", dependencies: ["InkwellFileSink", "InkwellHTTPClient", "TestSupport", log, nioPosix], path: "Tests/FileSinkTests", swiftSettings: swiftSettings),
        .testTarget(name: "EventsTests", dependencies: ["InkwellCore", "InkwellContracts", "InkwellEvents", "InkwellEventStream", "InkwellPostgres", "InkwellKafka", "TestSupport", .product(name: "ServiceContextModule", package: "swift-service-context"), log, lifecycle], path: "Tests/EventsTests", swiftSettings: swiftSettings),
        .testTarget(name: "EventStreamTests", dependencies: ["InkwellContracts", "InkwellEventStream", "InkwellKafka", "TestSupport", log], path: "Tests/EventStreamTests", swiftSettings: swiftSettings),
        .testTarget(name: "AuthTests", dependencies: ["InkwellCore", "InkwellAuth", "TestSupport"], path: "Tests/AuthTests", swiftSettings: swiftSettings),
        .testTarget(name: "PasswordsTests", dependencies: ["InkwellPasswords"], path: "Tests/PasswordsTests", swiftSettings: swiftSettings),
        .testTarget(name: "MarkdownTests", dependencies: ["InkwellMarkdown", "TestSupport"], path: "Tests/MarkdownTests", swiftSettings: swiftSettings),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: [
                "InkwellCore", "InkwellContracts", "InkwellAuth", "InkwellServiceKit", "InkwellDataKit", "InkwellPostgres", "InkwellEvents", "InkwellHTTPClient", "InkwellKafka", "TestSupport", hummingbird, httpTypes, lifecycle, log,
                .product(name: "ServiceContextModule", package: "swift-service-context"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ], path: "Tests/ServiceKitTests", swiftSettings: swiftSettings),
        .testTarget(name: "BlogTests", dependencies: ["BlogService", "InkwellCore", "InkwellContracts", "InkwellServiceKit", "InkwellDataKit", "InkwellPostgres", "InkwellEvents", "InkwellFileSink", "InkwellAuth", "TestSupport", hummingbird, httpTypes, .product(name: "HummingbirdTesting", package: "hummingbird")], path: "Tests/BlogTests", swiftSettings: swiftSettings),
        .testTarget(name: "CommentsTests", dependencies: ["CommentsService", "InkwellCore", "InkwellContracts", "InkwellServiceKit", "InkwellDataKit", "InkwellPostgres", "InkwellEvents", "InkwellEventStream", "TestSupport", hummingbird, .product(name: "HummingbirdTesting", package: "hummingbird")], path: "Tests/CommentsTests", swiftSettings: swiftSettings),
        .testTarget(name: "UsersTests", dependencies: ["InkwellCore", "InkwellContracts", "UsersService", "InkwellServiceKit", "InkwellDataKit", "InkwellPostgres", "TestSupport"], path: "Tests/UsersTests", swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["GatewayService", "InkwellServiceKit", "InkwellHTTPClient", "InkwellFileSink", "InkwellContracts", "InkwellCore", "TestSupport", hummingbird, .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Prometheus", package: "swift-prometheus")],
            path: "Tests/GatewayTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "IntegrationTests", dependencies: ["InkwellCore", "InkwellContracts", "InkwellHTTPClient", "InkwellKafka", "InkwellPostgres", "InkwellEvents", "InkwellAuth", "InkwellPasswords", "TestSupport", .product(name: "Crypto", package: "swift-crypto")], path: "Tests/IntegrationTests", swiftSettings: swiftSettings),
    ]
)
