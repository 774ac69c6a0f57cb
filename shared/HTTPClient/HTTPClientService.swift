import ServiceLifecycle

/// Keeps an ``HTTPClient`` for the application's lifetime and shuts it down when the service
/// group stops: put it before the services that use the client, so it stops after them.
public struct HTTPClientService: Service {
    public let client: HTTPClient

    public init(client: HTTPClient) { self.client = client }

    public func run() async throws {
        try? await gracefulShutdown()
        await client.shutdown()
    }
}
