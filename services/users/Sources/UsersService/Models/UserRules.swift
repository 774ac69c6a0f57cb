import Foundation

/// The field rules of API.md's users section; each returns a message for an invalid value.
public enum UserRules {
    static var usernamePattern: Regex<Substring> { /^[a-z0-9][a-z0-9_-]{2,29}$/ }
    static var emailPattern: Regex<(Substring, Substring)> { /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/ }

    public static func usernameProblem(_ username: String) -> String? {
        username.wholeMatch(of: usernamePattern) == nil
            ? "must be 3 to 30 characters: letters, digits, '_' or '-', starting with a letter or digit" : nil
    }

    public static func emailProblem(_ email: String) -> String? {
        if email.utf8.count > 254 { return "must be at most 254 characters" }
        return email.wholeMatch(of: emailPattern) == nil ? "must be a valid email address" : nil
    }

    public static func passwordProblem(_ password: String) -> String? {
        (10...128).contains(password.count) ? nil : "must be 10 to 128 characters"
    }

    public static func displayNameProblem(_ name: String) -> String? {
        (1...60).contains(name.count) ? nil : "must be 1 to 60 characters"
    }

    public static func bioProblem(_ bio: String) -> String? {
        bio.count <= 500 ? nil : "must be at most 500 characters"
    }
}
