/// The roles a site plays (`SiteSchema.roles`), as bits: a site's roles and
/// a requirement's are compared with one AND per requirement.
public enum Roles {
    /// The bits of `roles`; names outside `SiteSchema.roles` have none.
    public static func bits(_ roles: [String]) -> UInt64 {
        roles.reduce(0) { mask, role in
            guard let i = SiteSchema.roles.firstIndex(of: role) else { return mask }
            return mask | 1 << UInt64(i)
        }
    }

    /// The role names of `mask`, in schema order.
    public static func names(_ mask: UInt64) -> [String] {
        SiteSchema.roles.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { SiteSchema.roles[$0] }
    }

    /// The roles a validated site states; nil when it states none (a pack example fragment).
    public static func of(_ facts: FactObject) -> UInt64? {
        guard case .list(let items)? = facts.value("roles") else { return nil }
        return items.reduce(0) { mask, item in
            guard case .text(let role) = item.value, let i = SiteSchema.roles.firstIndex(of: role) else { return mask }
            return mask | 1 << UInt64(i)
        }
    }
}
