import InkwellContracts

extension PublicUser {
    /// What anyone may see of `user`.
    init(_ user: User) {
        self.init(id: user.id, username: user.username, displayName: user.displayName, bio: user.bio, createdAt: user.createdAt)
    }
}
