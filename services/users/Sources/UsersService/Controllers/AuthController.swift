import Foundation
import Hummingbird
import InkwellCore
import InkwellPasswords
import InkwellServiceKit

/// `/api/v1/auth/...`: registration, email verification, login, token refresh, logout and
/// password reset.
public struct AuthController: Sendable {
    let users: any UserRepository
    let loginAttempts: any LoginAttemptRepository
    let sessions: SessionIssuer
    let mailer: AccountMailer
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let bootstrapAdminEmail: String?

    /// One message for an unknown account and a wrong password (no account enumeration).
    static let badCredentials = "The login or the password is not correct."
    /// Reset mails per address and hour; further requests answer 202 and send nothing.
    static let resetMailsPerHour = 3

    public init(
        users: any UserRepository, loginAttempts: any LoginAttemptRepository, sessions: SessionIssuer, mailer: AccountMailer,
        hasher: PasswordHasher, throttle: LoginThrottle = .init(), bootstrapAdminEmail: String?
    ) {
        self.users = users
        self.loginAttempts = loginAttempts
        self.sessions = sessions
        self.mailer = mailer
        self.hasher = hasher
        self.throttle = throttle
        self.bootstrapAdminEmail = bootstrapAdminEmail?.lowercased()
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/auth/register", .post) { request, context in try await self.register(request, context: context) }
        routes.on("/api/v1/auth/verify-email", .post) { request, context in try await self.verifyEmail(request, context: context) }
        routes.on("/api/v1/auth/login", .post) { request, context in try await self.login(request, context: context) }
        routes.on("/api/v1/auth/refresh", .post) { request, context in try await self.refresh(request, context: context) }
        routes.on("/api/v1/auth/logout", .post) { request, context in try await self.logout(request, context: context) }
        routes.on("/api/v1/auth/password-reset", .post) { request, context in try await self.requestReset(request, context: context) }
        routes.on("/api/v1/auth/password-reset/confirm", .post) { request, context in try await self.confirmReset(request, context: context) }
    }

    func register(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PrivateUser> {
        let registration = try await request.decodeJSON(as: RegisterRequest.self, context: context).validated()
        let now = Date()
        // Everyone starts as a reader; the bootstrap admin gets its roles when it verifies the address.
        let user = User(
            id: UUIDv7.generate(at: now), username: registration.username, email: registration.email, emailVerified: false,
            passwordHash: try await hasher.hash(registration.password), displayName: registration.displayName, bio: "",
            roles: Role.sorted([.reader]), version: 1, createdAt: now, updatedAt: now, deletedAt: nil
        )
        try await users.register(user)
        context.logger.info("account registered", metadata: ["user_id": "\(user.id)"])
        var headers = HTTPFields.noStore
        headers[.location] = "/api/v1/users/\(user.username)"
        return JSONResponse(PrivateUser(user), status: .created, headers: headers)
    }

    func verifyEmail(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PrivateUser> {
        let body = try await request.decodeJSON(as: EmailTokenRequest.self, context: context)
        guard OpaqueToken.isWellFormed(body.token),
              let user = try await users.verifyEmail(tokenHash: OpaqueToken.hash(body.token), now: Date(), bootstrapAdminEmail: bootstrapAdminEmail)
        else { throw HTTPProblem(.badRequest, slug: "invalid-token", detail: "The verification link is unknown, used or expired.") }
        context.logger.info("email verified", metadata: ["user_id": "\(user.id)", "roles": "\(user.roles)"])
        return JSONResponse(PrivateUser(user), headers: .noStore)
    }

    func login(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<TokenPair> {
        let body = try await request.decodeJSON(as: LoginRequest.self, context: context)
        let now = Date()
        // Absurd input is no account; it still costs a hash below, like any unknown login.
        let user = body.normalizedLogin.utf8.count <= 254 ? try await users.find(login: body.normalizedLogin) : nil
        if let user {
            // Reserved before hashing, atomically: however many logins race, at most
            // `maxFailures` passwords of the account are checked per window.
            if case .refuse(let retryAfter) = try await loginAttempts.reserve(userId: user.id, now: now, throttle: throttle) {
                throw HTTPProblem(.tooManyRequests, detail: "Too many failed logins for this account; try again later.", headers: [.retryAfter: String(retryAfter)])
            }
        }
        // Verifies against a dummy hash for an unknown account, so both take the same time.
        let matched = body.password.utf8.count <= 1024 ? try await hasher.verify(body.password, against: user?.passwordHash) : false
        guard let user, matched, let storedHash = user.passwordHash else {
            if let user { try await loginAttempts.recordFailure(userId: user.id, now: Date(), throttle: throttle) }
            context.logger.info("login failed")
            throw HTTPProblem.unauthorized(Self.badCredentials)
        }
        try await loginAttempts.clear(userId: user.id)
        if hasher.needsRehash(storedHash) {
            try await users.updatePasswordHash(id: user.id, passwordHash: try await hasher.hash(body.password))
        }
        let pair = try await sessions.startSession(for: user, now: now)
        context.logger.info("signed in", metadata: ["user_id": "\(user.id)"])
        return JSONResponse(pair, headers: .noStore)
    }

    func refresh(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<TokenPair> {
        let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        let (outcome, successor) = try await sessions.rotate(body.refreshToken)
        switch outcome {
        case .rotated(let userId):
            guard let user = try await users.find(id: userId), user.deletedAt == nil else { throw HTTPProblem.unauthorized("The refresh token is not valid.") }
            return JSONResponse(try await sessions.pair(for: user, refreshToken: successor), headers: .noStore)
        case .reuseDetected(let userId):
            context.logger.warning("refresh token reused; session family revoked", metadata: ["user_id": "\(userId)"])
            throw HTTPProblem.unauthorized("The refresh token is not valid.")
        case .rejected:
            throw HTTPProblem.unauthorized("The refresh token is not valid.")
        }
    }

    func logout(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        // Idempotent: an unknown or already revoked token is logged out as well.
        if OpaqueToken.isWellFormed(body.refreshToken) {
            _ = try await sessions.refreshTokens.revokeFamily(containing: OpaqueToken.hash(body.refreshToken), now: Date())
        }
        return Response(status: .noContent)
    }

    func requestReset(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: PasswordResetRequest.self, context: context)
        let email = body.email.trimmingCharacters(in: .whitespaces).lowercased()
        // An address that could split a mail header is refused outright (it reveals nothing about
        // accounts: no account can have it).
        guard MailAddress.isHeaderSafe(email) else {
            throw HTTPProblem.validation([FieldError(field: "email", message: UserRules.emailProblem(email) ?? "must be a valid email address")])
        }
        // 202 whether or not the account exists, or the hourly limit is reached: the answer must
        // not reveal which emails are known.
        if UserRules.emailProblem(email) == nil, let user = try await users.find(login: email), user.email == email {
            let queued = try await users.requestPasswordReset(userId: user.id, email: email, maxPerHour: Self.resetMailsPerHour)
            if !queued { context.logger.info("reset mail limit reached", metadata: ["user_id": "\(user.id)"]) }
        }
        return Response(status: .accepted)
    }

    func confirmReset(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: PasswordResetConfirmation.self, context: context)
        guard OpaqueToken.isWellFormed(body.token) else { throw Self.invalidResetToken }
        let confirmation = try body.validated()
        let hash = try await hasher.hash(confirmation.password)
        guard try await users.resetPassword(tokenHash: OpaqueToken.hash(body.token), passwordHash: hash, now: Date()) else { throw Self.invalidResetToken }
        return Response(status: .noContent)
    }

    static let invalidResetToken = HTTPProblem(.badRequest, slug: "invalid-token", detail: "The reset link is unknown, used or expired.")
}
