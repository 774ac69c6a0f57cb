import Foundation
@testable import GatewayService
import InkwellCore
import Testing

/// The counts answer's fast path gives what Foundation's decoder gives, or declines to it.
@Suite struct CommentCountsAnswerTests {
    static let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"

    @Test(arguments: [
        #"{"counts":{}}"#, #"{"counts":{"\#(id)":3,"other":0}}"#, #" { "x" : [1] , "counts" : { "\#(id)" : 12 } } "#,
    ])
    func theServicesAnswerTakesTheFastPath(_ text: String) throws {
        let fast = try #require(InkwellJSON.fastPath(CommentCountsAnswer.self, from: Array(text.utf8)))
        #expect(fast == (try InkwellJSON.decoder.decode(CommentCountsAnswer.self, from: Data(text.utf8))))
    }

    @Test(arguments: [
        #"{"counts":{"a":1,"a":2}}"#, #"{"counts":{"\u0061":1}}"#, #"{"counts":{"a":1.0}}"#, #"{"counts":{"a":-0}}"#, #"{"counts":{"a":"1"}}"#,
        #"{"counts":null}"#, #"{}"#, #"{"counts":{},"counts":{}}"#, #"{"counts":{"a":1}"#, #"{"counts":{"a":99999999999999999999}}"#,
    ])
    func anythingElseIsFoundationsToDecide(_ text: String) {
        #expect(InkwellJSON.fastPath(CommentCountsAnswer.self, from: Array(text.utf8)) == nil)
        let reference = Result { try InkwellJSON.decoder.decode(CommentCountsAnswer.self, from: Data(text.utf8)) }
        let viaFast = Result { try InkwellJSON.decodeFast(CommentCountsAnswer.self, from: Array(text.utf8)) }
        switch (reference, viaFast) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)")
        default: Issue.record("decodeFast and Foundation disagree on \(text)")
        }
    }
}
