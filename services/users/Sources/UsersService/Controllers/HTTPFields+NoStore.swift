import Hummingbird

extension HTTPFields {
    /// `Cache-Control: no-store`: for every response that carries a token or private account
    /// data, so no browser or shared cache keeps a copy.
    static let noStore: HTTPFields = [.cacheControl: "no-store"]
}
