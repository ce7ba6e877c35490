/// One node-level YAML event, with the mark where its node starts. Aliases
/// arrive already expanded; stream and document events are handled by the
/// source.
public enum YAMLEvent: Sendable {
    case scalar(String, YAMLNode.ScalarStyle, SourceMark)
    case mappingStart(SourceMark)
    case sequenceStart(SourceMark)
    /// The end of the innermost open mapping or sequence.
    case collectionEnd

    /// Where the node this event starts begins (`collectionEnd` has no mark).
    public var mark: SourceMark? {
        switch self {
        case .scalar(_, _, let mark), .mappingStart(let mark), .sequenceStart(let mark): return mark
        case .collectionEnd: return nil
        }
    }

    /// The line and column where the node starts, without copying the mark's file name.
    var position: (line: Int, column: Int)? {
        switch self {
        case .scalar(_, _, let mark), .mappingStart(let mark), .sequenceStart(let mark): return (mark.line, mark.column)
        case .collectionEnd: return nil
        }
    }

    /// A word for the kind of node, for error messages.
    public var kindName: String {
        switch self {
        case .scalar: return "a scalar"
        case .sequenceStart: return "a list"
        case .mappingStart: return "a mapping"
        case .collectionEnd: return "the end of a collection"
        }
    }

    /// True for a plain scalar that YAML reads as null (`~`, `null`, empty).
    public var isNull: Bool {
        guard case .scalar(let text, .plain, _) = self else { return false }
        return YAMLNode.isNullText(text)
    }
}

/// The events of one YAML document's root node, in order. Mapping keys are
/// always scalars and never repeat within a mapping: sources check that.
public protocol YAMLEventSource {
    /// The next event; nil once the root node is complete.
    mutating func next() throws(InputError) -> YAMLEvent?
    /// The `fingerprint` of the text of the event just returned by `next()`
    /// when that event is a mapping key and the source computed it (to find
    /// duplicates); nil otherwise. Lets a consumer look the key up without
    /// hashing it again.
    var keyFingerprint: UInt64? { get }
}

extension YAMLEventSource {
    public var keyFingerprint: UInt64? { nil }

    /// Consumes the rest of the node that `first` starts.
    mutating func skipNode(startingWith first: YAMLEvent) throws(InputError) {
        var depth: Int
        switch first {
        case .mappingStart, .sequenceStart: depth = 1
        case .scalar, .collectionEnd: return
        }
        while depth > 0, let event = try next() {
            switch event {
            case .mappingStart, .sequenceStart: depth += 1
            case .collectionEnd: depth -= 1
            case .scalar: break
            }
        }
    }
}

/// Replays a node tree as events (pack examples hold their sites as trees).
public struct NodeEvents: YAMLEventSource {
    /// Open collections: the node and the index of its next child event.
    private var stack: [(node: YAMLNode, next: Int)] = []
    private var pending: YAMLNode?

    public init(_ root: YAMLNode) { pending = root }

    public mutating func next() -> YAMLEvent? {
        if let node = pending {
            pending = nil
            return start(node)
        }
        guard let top = stack.last else { return nil }
        let index = top.next
        stack[stack.count - 1].next += 1
        switch top.node.content {
        case .sequence(let items) where index < items.count:
            return start(items[index])
        case .mapping(let pairs) where index < pairs.count * 2:
            let pair = pairs[index / 2]
            return start(index % 2 == 0 ? pair.key : pair.value)
        default:
            stack.removeLast()
            return .collectionEnd
        }
    }

    private mutating func start(_ node: YAMLNode) -> YAMLEvent {
        switch node.content {
        case .scalar(let text, let style): return .scalar(text, style, node.mark)
        case .sequence:
            stack.append((node, 0))
            return .sequenceStart(node.mark)
        case .mapping:
            stack.append((node, 0))
            return .mappingStart(node.mark)
        }
    }
}
