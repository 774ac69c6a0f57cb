/// What a composed read does with its critical part's answer (the post, the list, the user):
/// compose on a 200, pass a redirect on at the gateway's URL, pass anything else on as it is
/// (404, 401, 403, 400 ...). No answer at all is a 503 before this is asked.
public enum CriticalAnswer: Sendable, Equatable {
    case compose
    case redirect
    case passOn

    public init(status: Int) {
        switch status {
        case 200: self = .compose
        case 301, 302, 303, 307, 308: self = .redirect
        default: self = .passOn
        }
    }
}
