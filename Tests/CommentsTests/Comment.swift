import InkwellContracts

/// The API's comment; swift-testing's `Comment` (a test remark) would otherwise be ambiguous.
typealias Comment = InkwellContracts.Comment
