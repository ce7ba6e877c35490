/// A permit's `changed_equipment` (JP: the items an HPGSA Art. 14(1) change
/// permit altered) must name listed equipment items and belong to a
/// `class1_change` permit: an id that names nothing would read as "the change
/// altered none of the items checked" and keep a station under the former
/// rules it may have left (JP-HRS-002 and the other grandfathering
/// alternatives). Each mismatch is an input error at the id or the key.
public enum PermitConsistency {
    @Sendable static func check(_ site: FactObject, into diagnostics: inout [Diagnostic]) {
        guard case .list(let permits)? = site.value("permits") else { return }
        var ids: Set<String>? = nil
        if case .list(let items)? = site.value("equipment") {
            ids = Set(items.compactMap { item -> String? in
                if case .object(let e) = item.value { return e.text("id") } else { return nil }
            })
        }
        for (i, item) in permits.enumerated() {
            guard case .object(let p) = item.value, let slot = p.schema.slot(of: "changed_equipment"),
                  case .list(let changed)? = p.values[slot] else { continue }
            let kind = p.text("kind") ?? "?"
            if kind != "class1_change" {
                diagnostics.append(.error(.invalidValue, at: p.mark(at: slot),
                    "permits[\(i)].changed_equipment belongs to a change permit (kind: class1_change), not to '\(kind)': remove it, or correct the kind"))
                continue
            }
            for entry in changed {
                guard case .text(let id) = entry.value else { continue }
                guard let known = ids else {
                    diagnostics.append(.error(.invalidValue, at: entry.mark,
                        "permits[\(i)].changed_equipment names '\(id)', but the file lists no equipment: list the item under equipment, or remove the id"))
                    continue
                }
                if !known.contains(id) {
                    var message = "permits[\(i)].changed_equipment names '\(id)', which is not the id of a listed equipment item"
                    if let guess = Suggest.closest(to: id, in: known.sorted()).first { message += "; did you mean '\(guess)'?" }
                    diagnostics.append(.error(.invalidValue, at: entry.mark, message))
                }
            }
        }
    }
}
