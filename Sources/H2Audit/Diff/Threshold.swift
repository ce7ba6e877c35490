/// A number a requirement sets on a site quantity: `equipment[].distances.public_road >= 5 m`.
public struct Threshold: Sendable, Hashable {
    public enum Direction: String, Sendable { case minimum, maximum, exact }

    /// The site path, with `[]` for list elements.
    public var path: String
    public var direction: Direction
    /// The canonical values the threshold can take (several for a legal table or a conditional).
    public var values: [Double]
    public var kind: QuantityKind?
    /// `>` or `<`: the limit itself does not meet it.
    public var strict = false
    /// A condition on what the rule covers (in a filter, a `?:` condition or
    /// under `!`: `filter(e, e.storage_capacity >= 500 Nm3)`), not a limit a
    /// site value must meet: the lower minimum reaches more and is the stricter.
    public var scope = false

    public var lowest: Double { values.min() ?? 0 }
    public var highest: Double { values.max() ?? 0 }

    /// `>= 5 m` or `>= 6 m .. 8.5 m`.
    public var text: String {
        let op = direction == .minimum ? (strict ? ">" : ">=") : direction == .maximum ? (strict ? "<" : "<=") : "=="
        func show(_ v: Double) -> String { kind.map { QuantityText.format(Quantity(v, $0)) } ?? QuantityText.number(v) }
        return values.count == 1 ? "\(op) \(show(values[0]))" : "\(op) \(show(lowest)) .. \(show(highest)) (by case)"
    }
}

extension CompiledExpression {
    /// The thresholds this expression sets, found by walking its typed tree.
    public var thresholds: [Threshold] {
        var found: [Threshold] = []
        var lists: [Int: String] = [:]
        var scope = 0  // > 0 inside a filter, a ?: condition or a negation
        func inScope(_ t: Typed) {
            scope += 1
            walk(t)
            scope -= 1
        }

        func path(_ t: Typed) -> String? {
            switch t {
            case .root: return ""
            case .variable(let slot): return lists[slot]
            case .member(let base, _, let name):
                guard let p = path(base) else { return nil }
                return p.isEmpty ? name : "\(p).\(name)"
            default: return nil
            }
        }

        func constants(_ t: Typed) -> [Double]? {
            switch t {
            case .constant(.number(let n)): return [n]
            case .ternary(_, let a, let b):
                guard let x = constants(a), let y = constants(b) else { return nil }
                return x + y
            case .tier(_, _, let values, _):
                let numbers = values.compactMap { v -> Double? in if case .number(let n) = v { return n } else { return nil } }
                return numbers.count == values.count ? numbers : nil
            case .arith(.mul, let a, let b):
                guard let x = constants(a), let y = constants(b) else { return nil }
                return x.flatMap { p in y.map { p * $0 } }
            case .extremum(_, let a, let b):
                guard let x = constants(a), let y = constants(b) else { return nil }
                return x + y
            default: return nil
            }
        }

        func kind(_ type: ExprType) -> QuantityKind? {
            if case .quantity(let k) = type { return k }
            return nil
        }

        func walk(_ t: Typed) {
            switch t {
            case .compare(let op, let a, let b, let operand, _):
                var direction: Threshold.Direction?
                var site: String?, limit: [Double]?
                if let p = path(a), let c = constants(b) {
                    site = p; limit = c
                    direction = [.ge: .minimum, .gt: .minimum, .le: .maximum, .lt: .maximum, .eq: .exact][op]
                } else if let p = path(b), let c = constants(a) {
                    site = p; limit = c
                    direction = [.ge: .maximum, .gt: .maximum, .le: .minimum, .lt: .minimum, .eq: .exact][op]
                }
                if let site, let limit, let direction {
                    found.append(Threshold(path: site, direction: direction, values: Array(Set(limit)).sorted(), kind: kind(operand),
                                           strict: op == .gt || op == .lt, scope: scope > 0))
                }
                walk(a); walk(b)
            case .quantifier(_, let list, let slot, let body):
                // A fused `filter(...).all(...)` binds both slots to the inner list's elements.
                if case .quantifier(.filter, let inner, let innerSlot, let predicate) = list, let p = path(inner) {
                    lists[innerSlot] = p + "[]"
                    lists[slot] = p + "[]"
                    inScope(predicate)
                } else if let p = path(list) {
                    lists[slot] = p + "[]"
                } else {
                    walk(list)
                }
                if case .quantifier(.filter, _, _, _) = t { inScope(body) } else { walk(body) }
            case .not(let x):
                inScope(x)
            case .truthy(let x), .negate(let x), .size(let x), .has(let x), .sqrt(let x), .sum(let x):
                walk(x)
            case .and(let a, let b), .or(let a, let b), .arith(_, let a, let b), .contains(let a, let b),
                 .dateDiff(let a, let b), .extremum(_, let a, let b), .dateShift(let a, let b, _, _):
                walk(a); walk(b)
            case .ternary(let c, let a, let b):
                inScope(c); walk(a); walk(b)
            case .containsString(let x, _), .tier(let x, _, _, _), .member(let x, _, _):
                walk(x)
            case .constant, .asOf, .root, .variable:
                break
            }
        }
        walk(tree)
        return found
    }
}

extension Requirement {
    /// Thresholds set by the requirement's `require` alternatives (not by `applies`).
    public var thresholds: [Threshold] {
        var seen = Set<Threshold>()
        return alternatives.flatMap(\.condition.thresholds).filter { seen.insert($0).inserted }
    }
}
