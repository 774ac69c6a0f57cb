/// What ``EventHandlers/decode(_:)`` made of a record.
public enum EventDecoding<Context>: Sendable {
    /// An event with handlers, decoded: apply it.
    case event(PreparedEvent<Context>)
    /// A well-formed CloudEvent of a type nobody here handles: skip it (store its offset).
    case unhandled(type: String)
    /// A record nothing can apply: park it, never retry it.
    case poison(PoisonRecord)
}
