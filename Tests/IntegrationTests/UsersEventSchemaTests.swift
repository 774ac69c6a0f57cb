import Foundation
import InkwellKafka
import Testing
import TestSupport

/// The user events the service really published, read from Kafka as an outside consumer would,
/// each validated against its JSON Schema (`docs/events/schemas/<type>.json`) by python3's
/// `jsonschema` (Debian: python3-jsonschema).
extension UsersAuthTests {
    static let userEventTypes = ["registered", "verified", "updated", "roles_changed", "deleted"].map { "inkwell.users.user.\($0).v1" }

    @Test func everyUserEventMatchesItsSchemaAndCarriesNoEmail() async throws {
        let stack = try await stack()
        // One account through its whole life: registered, verified, updated, roles changed, deleted.
        let account = try await register(stack, prefix: "ev")
        let token = MailboxReader.token(in: try await MailboxReader.link(to: account.email, path: "/verify-email", in: try TestEnvironment.mailDir()))
        #expect(try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(token)"}"#).status == 200)
        let access = try await signIn(stack, account).access
        #expect(try await stack.request("PATCH", "/api/v1/users/me", json: #"{"displayName": "Evelyn", "bio": "hi"}"#, headers: bearer(access)).status == 200)
        let adminAccount = try await adminSession(stack)
        #expect(try await stack.request("PUT", "/api/v1/users/\(account.username)/roles", json: #"{"roles": ["author"]}"#, headers: bearer(adminAccount)).status == 200)
        #expect(try await stack.request("DELETE", "/api/v1/users/me", json: #"{"password": "\#(account.password)"}"#, headers: bearer(access)).status == 204)

        let topic = stack.topicPrefix + "users.events"
        let records = try await collectRecords(brokers: stack.brokers, topic: topic) { records in
            Set(records.filter { $0.keyString == account.id }.compactMap { $0.json["type"] as? String }).isSuperset(of: Self.userEventTypes)
        }
        let mine = records.filter { $0.keyString == account.id }
        // Per-key order and growing versions.
        let types = mine.compactMap { $0.json["type"] as? String }
        #expect(types == Self.userEventTypes, "\(types)")
        let versions = mine.compactMap { ($0.json["data"] as? [String: Any])?["version"] as? Int }
        #expect(versions == versions.sorted() && Set(versions).count == versions.count, "\(versions)")
        for record in mine {
            #expect(record.headerString("ce_type") == record.json["type"] as? String)
            #expect(record.json["subject"] as? String == account.id)
            let text = String(decoding: record.value, as: UTF8.self)
            #expect(!text.contains("@"), "no email address in \(record.json["type"] ?? "")")
        }
        try Self.validateAgainstSchemas(records.filter { ($0.json["type"] as? String)?.hasPrefix("inkwell.users.") == true }.map(\.value))
    }

    /// A session of the suite's bootstrap admin (registering and verifying it on first use: the
    /// roles come with the verified address).
    func adminSession(_ stack: ServiceStack) async throws -> String {
        let login = try await self.login(stack, Self.adminEmail, "correct-horse-battery")
        if login.status == 200, ((login.json["user"] as? [String: Any])?["roles"] as? [String])?.contains("admin") == true {
            return login.json["accessToken"] as! String
        }
        if login.status != 200 {
            let account = try await register(stack, prefix: "adm", email: Self.adminEmail)
            let before = try await signIn(stack, account).access
            let me = try await stack.request("GET", "/api/v1/users/me", headers: bearer(before))
            #expect(me.json["roles"] as? [String] == ["reader"], "no roles before the address is verified")
        }
        let token = MailboxReader.token(in: try await MailboxReader.link(to: Self.adminEmail, path: "/verify-email", in: try TestEnvironment.mailDir()))
        let verified = try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(token)"}"#)
        #expect(verified.json["roles"] as? [String] == ["reader", "author", "moderator", "admin"], "\(verified.text)")
        let session = try await self.login(stack, Self.adminEmail, "correct-horse-battery")
        return session.json["accessToken"] as! String
    }

    static var schemaDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/events/schemas").path
    }

    /// Runs python3's jsonschema (Draft 2020-12) over every event; fails naming each mismatch.
    static func validateAgainstSchemas(_ events: [[UInt8]]) throws {
        let file = try TestEnvironment.scratchDirectory("events").appendingPathComponent("events.jsonl")
        try Data(events.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").utf8).write(to: file)
        let script = """
            import json, sys, os
            import jsonschema
            schemas, path = sys.argv[1], sys.argv[2]
            errors = 0
            count = 0
            for line in open(path):
                if not line.strip(): continue
                event = json.loads(line)
                schema_path = os.path.join(schemas, event["type"] + ".json")
                if not os.path.exists(schema_path):
                    print("no schema for", event["type"]); errors += 1; continue
                schema = json.load(open(schema_path))
                jsonschema.Draft202012Validator.check_schema(schema)
                for error in jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(event):
                    print(event["type"], list(error.absolute_path), error.message); errors += 1
                count += 1
            print("validated", count)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaDirectory, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "schema validation failed (needs python3-jsonschema):\n\(output)")
        #expect(output.contains("validated \(events.count)"), "\(output)")
    }
}
