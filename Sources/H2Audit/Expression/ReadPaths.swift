/// The site paths a condition reads, found by walking its typed tree: a
/// member chain from the site (`inspections.last_periodic`) or from a
/// quantifier's variable (`equipment[].distances.public_road`, the element
/// of a list written `[]`). `h2audit init` writes a skeleton from them.
extension CompiledExpression {
    /// Every site path the condition may read, in the order first read,
    /// without the objects on the way to a deeper path (`equipment[].distances`
    /// when `equipment[].distances.railway` is read). Derived facts appear
    /// under their own names (`scope.jp_production_class`, `equipment[].high_pressure_gas`);
    /// `ScopeFacts.inputPaths` names what a site file writes for them.
    public var readPaths: [String] {
        var walker = ReadPathWalker()
        _ = walker.visit(tree)
        return walker.leaves()
    }
}

struct ReadPathWalker {
    /// The path of the element each quantifier variable stands for, by slot.
    var bindings: [Int: String] = [:]
    var paths: [String] = []
    var seen: Set<String> = []

    /// A map's result: its elements are the values at this path.
    static let mapped = "\u{1}map"

    mutating func record(_ path: String) {
        if !path.isEmpty, seen.insert(path).inserted { paths.append(path) }
    }

    /// The paths read that no other read path goes through.
    func leaves() -> [String] {
        paths.filter { path in
            !paths.contains { $0 != path && ($0.hasPrefix(path + ".") || $0.hasPrefix(path + "[]")) }
        }
    }

    /// The element path of a list at `path`.
    static func element(of path: String?) -> String? {
        guard let path else { return nil }
        if path.hasSuffix(mapped) { return String(path.dropLast(mapped.count)) }
        return path + "[]"
    }

    /// Visits `typed`, recording what it reads; returns its site path when it denotes a place in the site.
    mutating func visit(_ typed: Typed) -> String? {
        switch typed {
        case .constant, .asOf: return nil
        case .root: return ""
        case .variable(let slot): return bindings[slot]
        case .member(let base, _, let name):
            guard let parent = visit(base) else { return nil }
            let path = parent.isEmpty ? name : parent + "." + name
            record(path)
            return path
        case .truthy(let inner), .not(let inner), .negate(let inner), .size(let inner), .sqrt(let inner), .sum(let inner):
            _ = visit(inner)
            return nil
        case .has(let inner):
            _ = visit(inner)
            return nil
        case .and(let a, let b), .or(let a, let b), .arith(_, let a, let b), .dateShift(let a, let b, _, _),
             .dateDiff(let a, let b), .contains(let a, let b), .extremum(_, let a, let b), .compare(_, let a, let b, _, _):
            _ = visit(a)
            _ = visit(b)
            return nil
        case .ternary(let c, let a, let b):
            _ = visit(c)
            let left = visit(a), right = visit(b)
            return left == right ? left : nil
        case .containsString(let inner, _), .tier(let inner, _, _, _):
            _ = visit(inner)
            return nil
        case .quantifier(let quantifier, let list, let slot, let body):
            let listPath = visit(list)
            bindings[slot] = Self.element(of: listPath)
            let bodyPath = visit(body)
            bindings[slot] = nil
            switch quantifier {
            case .filter: return listPath
            case .map: return bodyPath.map { $0 + Self.mapped }
            case .all, .exists: return nil
            }
        }
    }
}
