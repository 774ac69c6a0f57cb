internal import CLibPQ
import Foundation

/// Where and how to connect: parsed from a `postgres://` URL into libpq connection parameters.
///
/// `postgres://user:password@host:port/database?sslmode=disable&...` (also `postgresql://`).
/// User, password and database are percent-decoded; an IPv6 host is written in brackets
/// (`[::1]`); query parameters must be libpq connection keywords (`sslmode`, `options`,
/// `target_session_attrs`, `host=/run/postgresql` for a Unix socket, ...). Unknown keywords and
/// malformed URLs throw `PostgresError` of kind `.invalidConfiguration` right here rather than at
/// the first connection attempt.
///
/// Every connection also gets `TimeZone=UTC`, `DateStyle=ISO`, `bytea_output=hex`,
/// `extra_float_digits=3` and `client_encoding=UTF8`, so the text values this module decodes have
/// one stable shape whatever the server's defaults are.
public struct PostgresConfiguration: Sendable {
    /// Maximum number of open connections (and the number of threads doing blocking libpq calls).
    public var poolSize: Int
    /// libpq `connect_timeout` (whole seconds, rounded up; libpq treats 1 as 2).
    public var connectTimeout: Duration
    /// How long a caller waits for a free connection before `.poolTimeout`.
    public var checkoutTimeout: Duration
    /// Reported to the server (`pg_stat_activity.application_name`) unless the URL sets one.
    public var applicationName: String
    /// How long ``PostgresClient/ping()`` waits for its answer (connecting included) before it reports `false`.
    /// 5 s: opening the probe's connection on a loaded machine took over 2 s in a test run, and a
    /// readiness check that fails under load takes a healthy replica out of rotation.
    public var healthCheckTimeout: Duration = .seconds(5)

    /// Host, port, user, database and any keywords from the URL (not the password).
    public let host: String?
    public let port: Int?
    public let user: String?
    public let database: String?
    let password: String?
    let urlParameters: [(key: String, value: String)]

    /// Parses `url`; throws `.invalidConfiguration` for anything libpq would not accept.
    public init(
        url: String,
        poolSize: Int = 10,
        connectTimeout: Duration = .seconds(5),
        applicationName: String = "inkwell",
        checkoutTimeout: Duration = .seconds(10)
    ) throws {
        guard poolSize >= 1 else { throw Self.invalid("poolSize must be at least 1, got \(poolSize)") }
        guard connectTimeout > .zero, checkoutTimeout > .zero else { throw Self.invalid("timeouts must be positive") }
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.checkoutTimeout = checkoutTimeout
        self.applicationName = applicationName

        let rest: Substring
        if url.hasPrefix("postgres://") {
            rest = url.dropFirst("postgres://".count)
        } else if url.hasPrefix("postgresql://") {
            rest = url.dropFirst("postgresql://".count)
        } else {
            throw Self.invalid("the database URL must start with postgres:// or postgresql://")
        }

        // Split off "?query", then "/database", then "userinfo@" from "host:port".
        let beforeQuery = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let authorityAndPath = beforeQuery[0]
        let query = beforeQuery.count > 1 ? beforeQuery[1] : nil
        let pathSplit = authorityAndPath.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let authority = pathSplit[0]
        if pathSplit.count > 1, !pathSplit[1].isEmpty {
            database = try Self.decode(pathSplit[1], what: "database")
        } else {
            database = nil
        }

        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], what: "user")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                user = try Self.decode(userInfo, what: "user")
                password = nil
            }
        } else {
            user = nil
            password = nil
        }

        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw Self.invalid("unterminated IPv6 host in database URL") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Self.invalid("unexpected characters after IPv6 host in database URL") }
                portText = after.dropFirst()
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon].isEmpty ? nil : try Self.decode(hostPort[..<colon], what: "host")
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = hostPort.isEmpty ? nil : try Self.decode(hostPort, what: "host")
        }
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw Self.invalid("invalid port '\(portText)' in database URL")
            }
            port = value
        } else {
            port = nil
        }

        var parameters: [(key: String, value: String)] = []
        if let query, !query.isEmpty {
            let known = Self.libpqKeywords
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = try Self.decode(parts[0], what: "parameter name")
                guard parts.count == 2 else { throw Self.invalid("parameter '\(key)' in database URL has no value") }
                guard known.contains(key) else {
                    throw Self.invalid("unknown connection parameter '\(key)' in database URL")
                }
                parameters.append((key, try Self.decode(parts[1], what: "parameter '\(key)'")))
            }
        }
        urlParameters = parameters
    }

    /// The libpq keyword/value pairs for `PQconnectdbParams`. Using the array form (instead of a
    /// conninfo string) means nothing in a password or option ever needs quoting.
    var connectionParameters: [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        if let host { result.append(("host", host)) }
        if let port { result.append(("port", String(port))) }
        if let user { result.append(("user", user)) }
        if let password { result.append(("password", password)) }
        if let database { result.append(("dbname", database)) }
        let seconds = connectTimeout.components.seconds + (connectTimeout.components.attoseconds > 0 ? 1 : 0)
        result.append(("connect_timeout", String(max(seconds, 1))))
        result.append(("application_name", applicationName))
        result.append(("client_encoding", "UTF8"))
        // Keepalives let the kernel notice a dead peer on an idle pooled connection.
        result.append(("keepalives", "1"))
        result.append(("keepalives_idle", "30"))
        var options = "-c TimeZone=UTC -c DateStyle=ISO -c bytea_output=hex -c extra_float_digits=3"
        for (key, value) in urlParameters {
            if key == "options" {
                options += " " + value
            } else {
                // Later entries win in PQconnectdbParams, so URL parameters override the defaults above.
                result.append((key, value))
            }
        }
        result.append(("options", options))
        return result
    }

    /// The connection parameters as a libpq conninfo string with the password masked (for logs).
    public var redactedConnectionInfo: String {
        connectionParameters.map { key, value in
            let shown = key == "password" ? "********" : value
            let escaped = shown.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            return "\(key)='\(escaped)'"
        }.joined(separator: " ")
    }

    private static func decode(_ text: Substring, what: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw invalid("invalid percent-encoding in the \(what) of the database URL")
        }
        return decoded
    }

    private static func invalid(_ message: String) -> PostgresError {
        PostgresError(kind: .invalidConfiguration, message: message)
    }

    /// The keywords this libpq accepts, asked from libpq itself (`PQconndefaults`).
    private static let libpqKeywords: Set<String> = {
        guard let options = PQconndefaults() else { return [] }
        defer { PQconninfoFree(options) }
        var keywords: Set<String> = []
        var index = 0
        while let keyword = options[index].keyword {
            keywords.insert(String(cString: keyword))
            index += 1
        }
        return keywords
    }()
}
