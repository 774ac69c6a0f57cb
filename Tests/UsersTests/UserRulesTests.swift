import Foundation
import InkwellServiceKit
import Testing
@testable import UsersService

/// The hand-written rules against the `Regex`es they replace, on a corpus, and the scalar
/// counting and control-character rules of API.md.
@Suite struct UserRulesTests {
    /// The old rules, kept here as the reference.
    static func oldUsernameRule(_ s: String) -> Bool { s.wholeMatch(of: /^[a-z0-9][a-z0-9_-]{2,29}$/) != nil }
    static func oldEmailRule(_ s: String) -> Bool { s.wholeMatch(of: /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/) != nil }

    /// Deterministic pseudo-random strings over `alphabet` (SplitMix64, so failures reproduce).
    static func corpus(_ alphabet: [String], count: Int, maxLength: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<count).map { _ in
            let length = Int(next() % UInt64(maxLength + 1))
            return (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }.joined()
        }
    }

    static let usernameEdges = [
        "", "a", "ab", "abc", "-ab", "_ab", "a-b", "a_b", "0ab", "ABC", "aBc", "ab c", "abc\n", "\nabc", "ab\u{0}c", "ädam", "a\u{301}bc",
        "abc\u{301}", "ab\r\nc", String(repeating: "a", count: 30), String(repeating: "a", count: 31), "a" + String(repeating: "-", count: 29),
        "a" + String(repeating: "_", count: 30), "k\u{212A}k", "١٢٣", "ｆｏｏ", "abc🙂", "a.b", "a+b",
    ]

    @Test func usernameRuleMatchesTheOldRegexOnACorpus() {
        let alphabet = ["a", "z", "m", "0", "9", "_", "-", "A", "Z", ".", " ", "\n", "é", "\u{301}", "ß", "🙂", "\u{0}", "\r\n", "@"]
        let corpus = Self.usernameEdges + Self.corpus(alphabet, count: 20_000, maxLength: 34, seed: 42)
            + Self.corpus(["a", "b", "1", "_", "-"], count: 5_000, maxLength: 34, seed: 7)
        for candidate in corpus {
            #expect(UserRules.isValidUsername(candidate) == Self.oldUsernameRule(candidate), "\(candidate.debugDescription)")
        }
    }

    @Test func emailRuleMatchesTheOldRegexWhereTheAddressIsHeaderSafe() {
        let alphabet = ["a", "b", "x", "0", ".", ".", "@", "@", "-", "_", "+", "é", " ", "\t", "\n", "<", ">", ",", "\"", "\u{0}", "\u{85}", "\u{A0}"]
        let corpus = Self.corpus(alphabet, count: 20_000, maxLength: 16, seed: 1234)
            + ["a@b.c", "a@b", "@b.c", "a@.c", "a@b.", "a@b..c", "a.b@c.d.e", "a@@b.c", "a b@c.d", "a@b.c\n", "é@ü.de", "a@b.c.", ".a@b.c"]
        for candidate in corpus {
            if MailAddress.isHeaderSafe(candidate) {
                #expect(UserRules.isPlausibleAddress(candidate) == Self.oldEmailRule(candidate), "\(candidate.debugDescription)")
            } else {
                #expect(UserRules.emailProblem(candidate) != nil, "\(candidate.debugDescription)")
            }
        }
    }

    @Test(arguments: ["a>,<b@x.org", "a@x.org>", "\"a\"@x.org", "a,b@x.org", "a b@x.org", "a\t@x.org", "a@x.org\r\nBcc: v@x.org", "a\u{0}@x.org",
                      "a\u{85}@x.org", "a\u{2028}@x.org", "a\u{A0}@x.org", "<a@x.org>", "a;b@x.org", "a(b)@x.org"])
    func refusesAddressesThatCouldSplitAHeader(email: String) {
        #expect(UserRules.emailProblem(email) != nil)
        #expect(!MailAddress.isHeaderSafe(email))
    }

    @Test func lengthsAreCountedInUnicodeScalars() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 300_000)
        #expect(zalgo.count == 1, "one grapheme cluster")
        #expect(UserRules.displayNameProblem(zalgo) != nil)
        #expect(UserRules.bioProblem(zalgo) != nil)
        #expect(UserRules.passwordProblem("0123456789" + String(repeating: "\u{301}", count: 200)) != nil)
        #expect(UserRules.displayNameProblem("a" + String(repeating: "\u{301}", count: 59)) == nil, "60 scalars")
        #expect(UserRules.displayNameProblem("a" + String(repeating: "\u{301}", count: 60)) != nil, "61 scalars")
        #expect(UserRules.bioProblem(String(repeating: "e\u{301}", count: 250)) == nil, "500 scalars")
        #expect(UserRules.bioProblem(String(repeating: "e\u{301}", count: 250) + "x") != nil)
        #expect(UserRules.displayNameProblem(String(repeating: "🔒", count: 60)) == nil, "emoji are one scalar each")
        // Passwords count as hashed: NFC. Ten decomposed é are ten characters.
        #expect(UserRules.passwordProblem(String(repeating: "e\u{301}", count: 10)) == nil)
        #expect(UserRules.passwordProblem(String(repeating: "x", count: 129)) != nil)
    }

    @Test func controlCharactersAreRefusedExceptLineBreaksInTheBio() {
        for control in ["\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}"] {
            #expect(UserRules.displayNameProblem("Ada\(control)") == UserRules.controlMessage)
            #expect(UserRules.bioProblem("Ada\(control)") == UserRules.controlMessage)
            #expect(UserRules.passwordProblem("0123456789\(control)") == UserRules.controlMessage)
        }
        for lineBreak in ["\t", "\n", "\r\n", "\r"] {
            #expect(UserRules.bioProblem("line\(lineBreak)line") == nil)
            #expect(UserRules.displayNameProblem("Ada\(lineBreak)L") == UserRules.controlMessage)
            #expect(UserRules.passwordProblem("0123456789\(lineBreak)") == UserRules.controlMessage)
        }
    }

    @Test func requestsNameTheFieldWithTheControlCharacter() {
        func fields(_ body: () throws -> Void) -> Set<String> {
            do { try body(); return [] } catch { return Set(((error as? HTTPProblem)?.errors ?? []).map(\.field)) }
        }
        #expect(fields { _ = try ProfileUpdate(displayName: "A\u{0}B", bio: "ok\u{7}").validated() } == ["displayName", "bio"])
        #expect(fields { _ = try RegisterRequest(email: "a@x.org", username: "abc", password: "0123456789\u{0}", displayName: "x\u{1B}[31m").validated() } == ["password", "displayName"])
        #expect(fields { _ = try RegisterRequest(email: "a>,<b@x.org", username: "abc", password: "0123456789").validated() } == ["email"])
        #expect(fields { _ = try PasswordResetConfirmation(token: "t", password: "0123456789\u{0}abc").validated() } == ["password"])
    }
}
