/// Why a tag name is refused (the message of its 422 field error).
public struct TagNameProblem: Error, Sendable, Equatable {
    public var message: String
}
