import InkwellHTTPClient

extension HTTPClient: UpstreamTransport {}
