import ArgumentParser
import InkwellDataKit
import InkwellServiceKit
import InkwellPasswords
import UsersService

/// `inkwell-users`: accounts and authentication.
@main
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inkwell-users",
        abstract: "Inkwell users service: accounts, authentication, roles.",
        subcommands: [Serve.self, Migrate.self, OutboxCommand.self, RotateKeys.self, HashPassword.self, ConfigCommand<UsersApp>.self, HealthcheckCommand<UsersApp>.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply migrations and serve HTTP (configured by environment variables).")
        func run() async throws { try await ServiceMain.run("inkwell-users") { try await UsersApp.serve() } }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the users schema's migrations and exit.")
        func run() async throws { try await ServiceMain.run("inkwell-users") { try await UsersApp.migrate() } }
    }

    struct RotateKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-keys",
            abstract: "Add a new access-token signing key that signs from now on; old public keys stay in the JWKS until their tokens expire."
        )
        func run() async throws {
            try await ServiceMain.run("inkwell-users") { print(try await UsersApp.rotateKeys()) }
        }
    }

    struct HashPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-password",
            abstract: "Read a password from standard input and print its Argon2id hash (for seeding accounts)."
        )
        func run() async throws {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            print(try await PasswordHasher().hash(password))
        }
    }
}

