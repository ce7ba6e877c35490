import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads YAML with libyaml's event API into a `YAMLNode` tree whose nodes
/// all carry their source mark. Rejects duplicate mapping keys and enforces
/// `LoadLimits` while parsing, so hostile input costs bounded work.
public struct YAMLLoader: Sendable {
    public var limits: LoadLimits

    public init(limits: LoadLimits = .default) { self.limits = limits }

    /// Reads and parses a file. `displayName` is what marks call the file.
    public func load(path: String, displayName: String? = nil) throws(InputError) -> YAMLNode {
        let name = displayName ?? path
        let bytes = try FileReader.read(path: path, displayName: name, maxBytes: limits.maxFileBytes)
        return try parse(bytes, file: name)
    }

    /// Parses one YAML document held in memory.
    public func parse(_ text: String, file: String) throws(InputError) -> YAMLNode {
        try parse(Array(text.utf8), file: file)
    }

    public func parse(_ bytes: [UInt8], file: String) throws(InputError) -> YAMLNode {
        if bytes.count > limits.maxFileBytes {
            throw InputError(Diagnostic(file: file, message: "file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes) bytes (--max-file-size)"))
        }
        var builder = TreeBuilder(file: file, limits: limits, source: bytes)
        let parsed: Result<YAMLNode?, InputError>? = Self.withParser(bytes) { parser in
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    return .failure(InputError(builder.parserError(parser)))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                do throws(InputError) { try builder.handle(event) } catch { return .failure(error) }
            }
            return .success(builder.root)
        }
        guard let result = parsed else {
            throw InputError(Diagnostic(file: file, message: "libyaml could not allocate a parser"))
        }
        switch result {
        case .failure(let error): throw error
        case .success(let root):
            guard let root else {
                throw InputError(Diagnostic(file: file, mark: SourceMark(file: file, line: 1, column: 1),
                                            message: "file holds no YAML document (it is empty or only comments)"))
            }
            return root
        }
    }
}

/// Builds the node tree from parser events without recursion.
private struct TreeBuilder {
    /// An open list or mapping. Mutated in place on the stack, so appending
    /// never copies the children gathered so far.
    struct Frame {
        let isMapping: Bool
        let mark: SourceMark
        let anchor: String?
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        /// Keys seen, for duplicate detection once a mapping grows large.
        var seen: [String: SourceMark] = [:]
        var count = 1
    }

    let file: String
    let limits: LoadLimits
    let source: [UInt8]
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, count: Int)] = [:]
    var root: YAMLNode?
    var documents = 0
    var nodes = 0
    var aliasExpansion = 0

    init(file: String, limits: LoadLimits, source: [UInt8]) {
        self.file = file
        self.limits = limits
        self.source = source
    }

    func mark(_ m: yaml_mark_t) -> SourceMark {
        SourceMark(file: file, line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    /// The YAML core schema's scalar tags; anything else (`!!python/object`, `!custom`) is refused.
    static let coreTags: Set<String> = ["str", "int", "float", "bool", "null", "timestamp"].reduce(into: []) { $0.insert("tag:yaml.org,2002:" + $1) }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    mutating func handle(_ event: yaml_event_t) throws(InputError) {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw InputError(.error(at: start, "a file holds one YAML document; found a second one here"))
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, length: Int(scalar.length)) ?? ""
            let style: YAMLNode.ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            if let tag = Self.string(scalar.tag), !tag.isEmpty, tag != "!", !Self.coreTags.contains(tag) {
                throw InputError(.error(at: start, "custom YAML tag '\(tag)' is not supported"))
            }
            try count(1, at: start)
            let node = YAMLNode(.scalar(text, style), mark: start)
            if let anchor = Self.string(scalar.anchor) { anchors[anchor] = (node, 1) }
            try append(node, count: 1)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                throw InputError(.error(at: start, "alias '*\(name)' refers to no anchor defined before it"))
            }
            aliasExpansion += target.count
            if aliasExpansion > limits.maxAliasExpansion {
                throw InputError(.error(at: start, "aliases expand to more than \(limits.maxAliasExpansion) nodes (--max-alias-expansion); is this a 'billion laughs' file?"))
            }
            try count(target.count, at: start)
            try append(target.node, count: target.count)
        case YAML_SEQUENCE_START_EVENT:
            if let tag = Self.string(event.data.sequence_start.tag), !tag.isEmpty, tag != "tag:yaml.org,2002:seq" {
                throw InputError(.error(at: start, "custom YAML tag '\(tag)' is not supported"))
            }
            try push(at: start)
            stack.append(Frame(isMapping: false, mark: start, anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            if let tag = Self.string(event.data.mapping_start.tag), !tag.isEmpty, tag != "tag:yaml.org,2002:map" {
                throw InputError(.error(at: start, "custom YAML tag '\(tag)' is not supported"))
            }
            try push(at: start)
            stack.append(Frame(isMapping: true, mark: start, anchor: Self.string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let node = YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), mark: frame.mark)
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.count) }
            try append(node, count: frame.count)
        default:
            break
        }
    }

    mutating func count(_ n: Int, at mark: SourceMark) throws(InputError) {
        nodes += n
        if nodes > limits.maxNodes {
            throw InputError(.error(at: mark, "document has more than \(limits.maxNodes) nodes (--max-nodes)"))
        }
    }

    mutating func push(at mark: SourceMark) throws(InputError) {
        try count(1, at: mark)
        if stack.count + 1 > limits.maxDepth {
            throw InputError(.error(at: mark, "nesting deeper than \(limits.maxDepth) levels (--max-depth)"))
        }
    }

    static let smallMapping = 16

    mutating func append(_ node: YAMLNode, count: Int) throws(InputError) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        stack[top].count += count
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
            return
        }
        guard let text = node.scalar else {
            throw InputError(.error(at: node.mark, "mapping keys must be plain text, found \(node.kindName)"))
        }
        // Small mappings (nearly all) are scanned; large ones use a dictionary.
        var earlier: SourceMark?
        if stack[top].pairs.count < Self.smallMapping {
            earlier = stack[top].pairs.first { $0.key.scalar == text }?.key.mark
        } else {
            if stack[top].seen.isEmpty {
                for pair in stack[top].pairs { if let k = pair.key.scalar, stack[top].seen[k] == nil { stack[top].seen[k] = pair.key.mark } }
            }
            earlier = stack[top].seen[text]
            stack[top].seen[text] = node.mark
        }
        if let earlier {
            throw InputError(.error(at: node.mark, "duplicate key '\(text)'; it was first given at line \(earlier.line), column \(earlier.column)", related: earlier))
        }
        stack[top].pendingKey = node
    }

    /// Turns libyaml's error state into a diagnostic with a position and a hint.
    func parserError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown YAML error"
        let context = parser.context.map { String(cString: $0) }
        var where_ = mark(parser.problem_mark)
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a line: compute it.
            where_ = markForOffset(Int(parser.problem_offset))
        }
        var message = problem
        if let context { message += " (\(context))" }
        if parser.error == YAML_READER_ERROR {
            message = "not valid UTF-8 text or contains control characters: " + message
        }
        let offset = Int(parser.problem_mark.index)
        if problem.contains("cannot start any token"), offset < source.count, source[offset] == 0x09 {
            message = "tab character: YAML does not allow tabs for indentation; use spaces"
        }
        return .error(at: where_, message)
    }

    func markForOffset(_ offset: Int) -> SourceMark {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, source.count)
        while i < end {
            if source[i] == 0x0A { line += 1; column = 1 } else if source[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceMark(file: file, line: line, column: column)
    }
}

extension YAMLLoader {
    /// Runs libyaml over `bytes` without building anything; returns the
    /// number of events, or -1 on a syntax error. A baseline for benchmarks.
    public static func countEvents(_ bytes: [UInt8]) -> Int {
        withParser(bytes) { parser -> Int in
            var event = yaml_event_t()
            var count = 0
            while yaml_parser_parse(&parser, &event) != 0 {
                defer { yaml_event_delete(&event) }
                count += 1
                if event.type == YAML_STREAM_END_EVENT { return count }
            }
            return -1
        } ?? -1
    }

    /// Runs `body` with a libyaml parser reading `bytes`; nil if libyaml
    /// cannot allocate the parser.
    static func withParser<T>(_ bytes: [UInt8], _ body: (inout yaml_parser_t) -> T) -> T? {
        bytes.withUnsafeBufferPointer { buffer -> T? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) != 0 else { return nil }
            defer { yaml_parser_delete(&parser) }
            // An empty buffer still needs a valid pointer.
            var empty: UInt8 = 0
            if let base = buffer.baseAddress, buffer.count > 0 {
                yaml_parser_set_input_string(&parser, base, buffer.count)
            } else {
                yaml_parser_set_input_string(&parser, &empty, 0)
            }
            return body(&parser)
        }
    }
}
