extension HTTPClient {
    /// Sends `message` over SMTP with libcurl, on the same transfer thread as HTTP requests.
    ///
    /// - Parameters:
    ///   - smtpURL: `smtp://host:port` (plain) or `smtps://host:port` (implicit TLS), optionally
    ///     with `user:password@` for SMTP AUTH (percent-encode `@` and `:` inside them). A path
    ///     (`smtp://host:port/inkwell.example`) sets the EHLO name; without one libcurl uses the
    ///     local host name. The URL's credentials never appear in errors.
    ///   - timeout: the limit for the whole session; `nil` uses ``Configuration/defaultTimeout``.
    /// - Throws: ``HTTPClientError``; `.transport` when the server rejects the sender, a recipient
    ///   or the message (with the server's reply in the message), `.invalidURL` for other schemes.
    public func sendMail(_ message: MailMessage, smtpURL: String, timeout: Duration? = nil) async throws {
        guard !message.recipients.isEmpty else {
            throw HTTPClientError(kind: .transport, message: "a mail needs at least one recipient")
        }
        let addresses = [message.from] + message.recipients
        if addresses.contains(where: { $0.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 } }) {
            throw HTTPClientError(kind: .transport, message: "invalid mail address")
        }
        let transfer = CurlTransfer(
            job: .mail(message, url: smtpURL),
            timeout: timeout ?? configuration.defaultTimeout,
            maxResponseBodySize: configuration.maxResponseBodySize
        )
        _ = try await run(transfer)
    }
}
