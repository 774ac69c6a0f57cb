import Foundation
import GatewayService
import InkwellContracts
import Testing

@Suite struct PageImpactTests {
    let before = PageFixtures.model(posts: 45)

    @Test func aNewPostShiftsEveryIndexPage() {
        var after = before
        let new = PageFixtures.summary(46, tags: [TagRef(name: "New", slug: "new")])
        after.refreshPosts([new.id], with: [new])
        let keys = PageImpact.pages(for: .post(new.id), before: before, after: after)
        #expect(keys == [.post(slug: "post-46"), .tag(slug: "new"), .author(username: "alice"), .index(1), .index(2), .index(3), .feed, .sitemap])
    }

    @Test func anEditInPlaceTouchesOnlyItsOwnIndexPage() {
        var after = before
        var edited = before.posts[PageFixtures.id(130)]!
        edited.title = "New title"
        edited.tags = [TagRef(name: "Other", slug: "other")]
        after.refreshPosts([edited.id], with: [edited])
        let keys = PageImpact.pages(for: .post(edited.id), before: before, after: after)
        #expect(keys == [.post(slug: "post-30"), .tag(slug: "swift"), .tag(slug: "other"), .author(username: "alice"), .index(1), .feed, .sitemap])
    }

    @Test func aSlugChangeRemovesTheOldPageAndWritesItsRedirect() {
        var after = before
        var renamed = before.posts[PageFixtures.id(110)]!
        renamed.slug = "renamed"
        after.refreshPosts([renamed.id], with: [renamed])
        after.setRedirects([SlugRedirect(slug: "post-10", postId: renamed.id)], forPosts: [renamed.id])
        let keys = PageImpact.pages(for: .post(renamed.id), before: before, after: after)
        #expect(keys.isSuperset(of: [.post(slug: "post-10"), .post(slug: "renamed"), .redirect(oldSlug: "post-10"), .index(2)]))
    }

    @Test(arguments: ["unpublished", "deleted"])
    func aRemovedPostLeavesEveryList(_ how: String) {
        var after = before
        let gone = PageFixtures.id(145)
        after.refreshPosts([gone], with: [])
        let keys = PageImpact.pages(for: .post(gone), before: before, after: after)
        #expect(keys == [.post(slug: "post-45"), .tag(slug: "swift"), .author(username: "bob"), .index(1), .index(2), .index(3), .feed, .sitemap])
        #expect(after.post(slug: "post-45") == nil)
    }

    @Test func aPostNeverPublishedAffectsNothing() {
        #expect(PageImpact.pages(for: .post(PageFixtures.id(999)), before: before, after: before).isEmpty)
    }

    @Test func aCommentTouchesItsPostAndItsIndexPage() {
        #expect(PageImpact.pages(for: .comments(postId: PageFixtures.id(101)), before: before, after: before) == [.post(slug: "post-1"), .index(3)])
        #expect(PageImpact.pages(for: .comments(postId: PageFixtures.id(999)), before: before, after: before).isEmpty)
    }

    /// A comment on a post the renderer never heard of (published while no event reached it):
    /// refreshed, the post gets every page a new post gets.
    @Test func aCommentOnAPostTheSiteDidNotKnowRendersItEverywhere() {
        var after = before
        let missed = PageFixtures.summary(46, tags: [TagRef(name: "New", slug: "new")])
        after.refreshPosts([missed.id], with: [missed])
        let keys = PageImpact.pages(for: .comments(postId: missed.id), before: before, after: after)
        #expect(keys == PageImpact.pages(for: .post(missed.id), before: before, after: after))
        #expect(keys.isSuperset(of: [.post(slug: "post-46"), .index(1), .index(3), .feed, .sitemap]))
    }

    @Test func aUserChangeTouchesTheirPagesAndThePostsShowingThem() {
        var model = PageFixtures.model(posts: 4)
        let commenter = PageFixtures.id(77)
        model.setShownUsers([PageFixtures.alice.id, commenter], onPost: PageFixtures.id(102))
        var after = model
        after.refreshUsers([PageFixtures.bob.id], with: [PageFixtures.bob.id: PublicUser(id: PageFixtures.bob.id, username: "robert", displayName: "Robert", bio: "", createdAt: PageFixtures.date(0))])
        let authorKeys = PageImpact.pages(for: .user(PageFixtures.bob.id), before: model, after: after)
        #expect(authorKeys == [.author(username: "bob"), .author(username: "robert"), .post(slug: "post-1"), .post(slug: "post-3"), .tag(slug: "swift"), .index(1), .feed, .sitemap])
        #expect(PageImpact.pages(for: .user(commenter), before: model, after: model) == [.post(slug: "post-2")])
        #expect(PageImpact.pages(for: .user(PageFixtures.id(78)), before: model, after: model).isEmpty)
    }

    @Test func aBurstIsTheUnionOfItsChanges() {
        let keys = PageImpact.pages(for: [.comments(postId: PageFixtures.id(101)), .comments(postId: PageFixtures.id(101)), .comments(postId: PageFixtures.id(145))], before: before, after: before)
        #expect(keys == [.post(slug: "post-1"), .index(3), .post(slug: "post-45"), .index(1)])
    }
}
