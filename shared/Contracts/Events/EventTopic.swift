/// The three topics, one per owning service (EVENTS.md).
public enum EventTopic: String, Sendable, CaseIterable, Codable {
    case users = "users.events"
    case blog = "blog.events"
    case comments = "comments.events"

    /// The CloudEvents `source` of the events on this topic.
    public var source: String {
        switch self {
        case .users: "inkwell/users"
        case .blog: "inkwell/blog"
        case .comments: "inkwell/comments"
        }
    }

    /// The topic name with an optional shared-cluster prefix (`KAFKA_TOPIC_PREFIX`).
    public func name(prefix: String) -> String { prefix + rawValue }
}
