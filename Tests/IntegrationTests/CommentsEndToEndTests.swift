import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// The blog and comments services together through the gateway: a post published in the blog
/// takes comments within 2 s (the comments service learns it from blog.events), and the
/// comments service never calls the blog: with the blog stopped, commenting on a known post
/// still works.
@Suite(.serialized) struct CommentsEndToEndTests {
    @Test func aPublishedPostTakesCommentsWithinTwoSecondsAndWithoutTheBlog() async throws {
        let stack = try await ServiceStack.start()
        defer { Task { await stack.stop() } }
        let author = try await stack.account(prefix: "e", roles: ["reader", "author"])
        let reader = try await stack.account(prefix: "r")

        func publish(_ title: String) async throws -> String {
            let created = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "\#(title)", "body": "Hello *world*", "status": "published"}"#, headers: author.auth)
            try #require(created.status == 201, "\(created.text)")
            return created.json["slug"] as! String
        }
        /// Reads the thread (a read: polling it costs no comment of the rate limit) until the
        /// comments service knows the post; returns how long that took.
        func known(_ slug: String, within timeout: Duration) async throws -> Duration {
            let start = ContinuousClock.now
            try await pollUntil("the comments service to know \(slug)", timeout: timeout, interval: .milliseconds(20)) {
                let thread = try await stack.request("GET", "/api/v1/posts/\(slug)/comments")
                #expect(thread.status == 200 || thread.status == 404, "\(thread.text)")
                return thread.status == 200
            }
            return ContinuousClock.now - start
        }

        // The consumer's first group join takes a few seconds on a new stack: a first post waits it out.
        _ = try await known(try await publish("Warm-up \(UUID().uuidString.prefix(6))"), within: .seconds(60))
        let slug = try await publish("Fresh \(UUID().uuidString.prefix(6))")
        let lag = try await known(slug, within: .seconds(10))
        #expect(lag < .seconds(2), "published to commentable took \(lag)")
        let first = try await stack.request("POST", "/api/v1/posts/\(slug)/comments", json: #"{"body": "First!"}"#, headers: reader.auth)
        #expect(first.status == 201, "\(first.text)")

        // No call to the blog: with it stopped, the known post still takes comments and shows its thread.
        await stack.blog.stop()
        let second = try await stack.request("POST", "/api/v1/posts/\(slug)/comments", json: #"{"body": "Still here, with the blog down."}"#, headers: reader.auth)
        #expect(second.status == 201, "\(second.text)")
        let thread = try await stack.request("GET", "/api/v1/posts/\(slug)/comments")
        #expect(thread.status == 200)
        let post = try await stack.request("GET", "/api/v1/posts/\(slug)")
        #expect(post.status == 503, "the blog is really down: \(post.text)")
    }
}
