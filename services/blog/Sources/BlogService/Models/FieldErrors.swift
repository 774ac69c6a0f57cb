import InkwellServiceKit

/// Several invalid fields, collected before one 422 names them all.
public struct FieldErrors: Error, Sendable, Equatable {
    public var errors: [FieldError]
}
