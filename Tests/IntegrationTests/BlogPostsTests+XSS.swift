import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// The XSS corpus written into posts through the gateway: bodies come back as allow-listed HTML
/// only, search highlights hold no markup but `<mark>`, and titles, tags and excerpts are plain
/// text returned as JSON data (never HTML, never sniffed: `nosniff`), for the pages to escape.
extension BlogPostsTests {
    @Test func theXSSCorpusLeavesNoExecutableMarkup() async throws {
        let stack = try await stack()
        let writer = try await writer(stack)
        let marker = "xssprobe" + UUID().uuidString.prefix(6).lowercased()
        for (index, payload) in XSSCorpus.payloads.enumerated() {
            // Titles refuse control characters (422): those payloads keep their other characters.
            let printable = payload.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }
            let title = String(printable.prefix(150)) + " \(index)"
            let tag = String(String.UnicodeScalarView(("x" + payload).unicodeScalars.prefix(40)))
            let body: [String: Any] = ["title": title, "body": "\(marker)\n\n\(payload)\n\n\(marker) \(payload)", "tags": [tag], "status": "published"]
            let response = try await stack.request("POST", "/api/v1/posts", json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self), headers: writer.auth)
            if response.status == 422 {
                // A tag made only of symbols has no slug: refused, never stored. The post goes in without it.
                let retry: [String: Any] = ["title": title, "body": body["body"]!, "status": "published"]
                let second = try await stack.request("POST", "/api/v1/posts", json: String(decoding: try JSONSerialization.data(withJSONObject: retry), as: UTF8.self), headers: writer.auth)
                try #require(second.status == 201, "payload \(index): \(second.text)")
                try check(second, payload: payload, index: index)
                continue
            }
            try #require(response.status == 201, "payload \(index): \(response.text)")
            try check(response, payload: payload, index: index)
            let read = try await stack.request("GET", "/api/v1/posts/\(response.json["slug"] as! String)")
            try check(read, payload: payload, index: index)
        }

        let search = try await stack.request("GET", "/api/v1/search?q=\(marker)&limit=100")
        #expect(search.status == 200)
        let hits = search.json["items"] as? [[String: Any]] ?? []
        #expect(hits.count >= min(XSSCorpus.payloads.count, 100))
        for hit in hits {
            let highlight = hit["highlight"] as? String ?? ""
            let withoutMarks = highlight.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
            #expect(!withoutMarks.contains("<"), "a highlight holds markup other than <mark>: \(highlight)")
        }
    }

    private func check(_ response: HTTPClientResponse, payload: String, index: Int) throws {
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        let html = response.json["bodyHtml"] as? String ?? ""
        #expect(HTMLAllowList.violations(in: html).isEmpty, "payload \(index) \(payload): \(HTMLAllowList.violations(in: html)) in \(html)")
        // (`javascript:` may appear as escaped text; the allow-list checks every real href and src.)
        for needle in ["<script", "<iframe", "<svg", "<style", "<object", "<embed"] {
            #expect(!html.lowercased().contains(needle), "payload \(index): \(needle) in \(html)")
        }
        // The excerpt is plain text (what the author typed, as data): none of the renderer's markup.
        let excerpt = response.json["excerpt"] as? String ?? ""
        #expect(!excerpt.contains("<p>") && !excerpt.contains("<code>"), "payload \(index): markup in the excerpt \(excerpt)")
    }
}
