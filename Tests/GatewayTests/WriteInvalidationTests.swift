import Foundation
import Testing

@testable import GatewayService

/// The tags a successful write through the gateway drops at once.
@Suite struct WriteInvalidationTests {
    let postId = UUID()
    let authorId = UUID()

    @Test func aPostWriteDropsItsSlugsItsTagsItsAuthorAndTheLists() {
        let body = Array(#"{"id":"\#(postId.lowercased)","slug":"new","authorId":"\#(authorId.lowercased)","tags":[{"name":"Swift","slug":"swift"}]}"#.utf8)
        let tags = WriteInvalidation.tags(method: "PATCH", path: "/api/v1/posts/old", status: 200, body: body)
        #expect(tags == [.lists, .postSlug("old"), .postSlug("new"), .post(postId), .user(authorId), .tag("swift")])
        #expect(WriteInvalidation.tags(method: "POST", path: "/api/v1/posts", status: 201, body: body).contains(.post(postId)))
        #expect(WriteInvalidation.tags(method: "DELETE", path: "/api/v1/posts/old", status: 204, body: []) == [.lists, .postSlug("old")])
    }

    @Test func aCommentWriteDropsItsPost() {
        let body = Array(#"{"id":"\#(UUID().lowercased)","postId":"\#(postId.lowercased)","authorId":"\#(authorId.lowercased)"}"#.utf8)
        #expect(WriteInvalidation.tags(method: "POST", path: "/api/v1/posts/a-post/comments", status: 201, body: body) == [.lists, .postSlug("a-post"), .post(postId)])
        #expect(WriteInvalidation.tags(method: "POST", path: "/api/v1/comments/x/approve", status: 200, body: body) == [.post(postId)])
    }

    @Test func aProfileWriteDropsTheUser() {
        let body = Array(#"{"id":"\#(authorId.lowercased)","username":"grace"}"#.utf8)
        #expect(WriteInvalidation.tags(method: "PATCH", path: "/api/v1/users/me", status: 200, body: body) == [.user(authorId), .username("grace")])
    }

    @Test func readsFailuresAndOtherPathsDropNothing() {
        #expect(WriteInvalidation.tags(method: "GET", path: "/api/v1/posts/a", status: 200, body: []).isEmpty)
        #expect(WriteInvalidation.tags(method: "PATCH", path: "/api/v1/posts/a", status: 412, body: []).isEmpty)
        #expect(WriteInvalidation.tags(method: "POST", path: "/api/v1/auth/login", status: 200, body: Array(#"{"id":"x"}"#.utf8)).isEmpty)
        #expect(WriteInvalidation.tags(method: "PATCH", path: "/api/v1/posts/a", status: 200, body: Array("not json".utf8)) == [.lists, .postSlug("a")])
    }
}
