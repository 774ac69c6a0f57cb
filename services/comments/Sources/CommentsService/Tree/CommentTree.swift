import Foundation
import InkwellContracts

/// Flat comment rows → the nested threads API.md shows: approved comments only, replies
/// oldest first (`createdAt`, then `id`) to any depth, and a tombstone (`deleted`, body `""`)
/// kept only while something visible hangs below it.
///
/// Built without recursion (a deep thread must not exhaust a task's
/// stack): one pass groups the replies by parent, a depth-first walk orders the nodes, and the
/// nodes are assembled children-first.
public enum CommentTree {
    /// The threads of `roots` (in the order given: the page's order), with `replies` (flat, any
    /// depth, in any order) hung below them. Replies whose parent is not among the rows, and rows
    /// that are not approved, are left out, and with them everything below them.
    public static func build(roots: [Comment], replies: [Comment]) -> [Comment] {
        let nodes = roots + replies
        var children: [UUID: [Int]] = [:]
        for index in roots.count..<nodes.count {
            guard let parent = nodes[index].parentId?.wrappedValue else { continue }
            children[parent, default: []].append(index)
        }
        for key in children.keys {
            children[key]?.sort { isOlder(nodes[$0], than: nodes[$1]) }
        }
        // Post-order by an explicit stack: every node after all of its descendants.
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        var visited = Set<UUID>()
        var stack: [(index: Int, expanded: Bool)] = (0..<roots.count).reversed().map { ($0, false) }
        while let (index, expanded) = stack.popLast() {
            if expanded {
                order.append(index)
                continue
            }
            // A repeated id (a root also listed as a reply) is taken once.
            guard visited.insert(nodes[index].id).inserted else { continue }
            stack.append((index, true))
            for child in (children[nodes[index].id] ?? []).reversed() { stack.append((child, false)) }
        }
        var built = [Comment?](repeating: nil, count: nodes.count)
        for index in order {
            var node = nodes[index]
            node.replies = (children[node.id] ?? []).compactMap { built[$0] }
            built[index] = isVisible(node) ? shown(node) : nil
        }
        return (0..<roots.count).compactMap { built[$0] }
    }

    /// Approved, and either not deleted or a tombstone with visible replies.
    static func isVisible(_ node: Comment) -> Bool {
        node.status == .approved && (!node.deleted || !node.replies.isEmpty)
    }

    /// A tombstone shows no body, whatever the row holds.
    static func shown(_ node: Comment) -> Comment {
        guard node.deleted else { return node }
        var tombstone = node
        tombstone.body = ""
        return tombstone
    }

    /// Oldest first; ids break ties (UUIDv7 ids are time-ordered).
    static func isOlder(_ a: Comment, than b: Comment) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        // `uuidString` is upper-case hex: its order is the bytes' order, PostgreSQL's.
        return a.id.uuidString < b.id.uuidString
    }
}
