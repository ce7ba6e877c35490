import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads YAML with libyaml's event API. `events` streams one document's
/// node events (what the site reader consumes, building no tree); `parse`
/// builds a `YAMLNode` tree whose nodes all carry their source mark. Both
/// reject duplicate mapping keys, custom tags and a second document, and
/// enforce `LoadLimits` while parsing, so hostile input costs bounded work.
public struct YAMLLoader: Sendable {
    public var limits: LoadLimits

    public init(limits: LoadLimits = .default) { self.limits = limits }

    /// Reads and parses a file. `displayName` is what marks call the file.
    public func load(path: String, displayName: String? = nil) throws(InputError) -> YAMLNode {
        let name = displayName ?? path
        return try parse(try read(path: path, displayName: name), file: name)
    }

    /// Reads a whole file within the size limit.
    public func read(path: String, displayName: String) throws(InputError) -> [UInt8] {
        try FileReader.read(path: path, displayName: displayName, maxBytes: limits.maxFileBytes)
    }

    /// Parses one YAML document held in memory.
    public func parse(_ text: String, file: String) throws(InputError) -> YAMLNode {
        try parse(Array(text.utf8), file: file)
    }

    public func parse(_ bytes: [UInt8], file: String) throws(InputError) -> YAMLNode {
        try events(bytes, file: file) { (source: inout LibYAMLEvents) throws(InputError) -> YAMLNode in
            var builder = TreeBuilder()
            while let event = try source.next() { builder.handle(event) }
            guard let root = builder.root else { preconditionFailure("a complete event stream has a root") }
            return root
        }
    }

    /// Runs `body` over the checked events of the one document in `bytes`,
    /// then checks that nothing but the end of the stream follows it.
    public func events<T>(_ bytes: [UInt8], file: String,
                          _ body: (inout LibYAMLEvents) throws(InputError) -> T) throws(InputError) -> T {
        if bytes.count > limits.maxFileBytes {
            throw InputError(Diagnostic(code: .limitExceeded, file: file, message: "file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes) bytes (--max-file-size)"))
        }
        let result = Self.withParser(bytes) { parser in run(parser, file: file, input: .memory(bytes), body) }
        return try Self.outcome(result, file: file)
    }

    /// Runs `body` over the checked events of the one document in the file
    /// at `path`, which libyaml reads in chunks as it parses: the file is
    /// never held whole in memory (a baseline of a whole intake is tens of
    /// megabytes). The checks and errors are those of `events(_:file:_:)`,
    /// and of `read` for a file that cannot be read; `displayName` is what
    /// marks call the file.
    public func events<T>(path: String, displayName: String,
                          _ body: (inout LibYAMLEvents) throws(InputError) -> T) throws(InputError) -> T {
        let (fd, _) = try FileReader.open(path: path, displayName: displayName, maxBytes: limits.maxFileBytes)
        defer { close(fd) }
        let reader = ChunkReader(fd: fd, maxBytes: limits.maxFileBytes)
        let result = Self.withParser(reading: reader) { parser in run(parser, file: displayName, input: .file(path), body) }
        // A failed read reaches libyaml as a reader error: say what failed instead.
        if let problem = reader.problem { throw InputError(Diagnostic(code: problem.code, file: displayName, message: problem.message)) }
        return try Self.outcome(result, file: displayName)
    }

    /// The start of the stream, `body` over the root node, then the end of the stream.
    private func run<T>(_ parser: UnsafeMutablePointer<yaml_parser_t>, file: String, input: YAMLInput,
                        _ body: (inout LibYAMLEvents) throws(InputError) -> T) -> Result<T, InputError> {
        var source = LibYAMLEvents(parser: parser, file: file, limits: limits, input: input)
        do throws(InputError) {
            try source.start()
            let value = Result { () throws(InputError) in try body(&source) }
            // When `body` read the whole root node, its own errors (schema problems) rank
            // below what may follow the node (a syntax error, a second document), as for a tree.
            if case .failure = value, !source.rootDone { return value }
            try source.finish()
            return value
        } catch {
            return .failure(error)
        }
    }

    /// The value or error of a parse; nil when libyaml could not allocate its parser.
    private static func outcome<T>(_ result: Result<T, InputError>?, file: String) throws(InputError) -> T {
        guard let result else {
            throw InputError(Diagnostic(code: .unreadable, file: file, message: "libyaml could not allocate a parser"))
        }
        return try result.get()
    }
}

/// What libyaml reads, kept to place the errors libyaml reports by byte
/// offset (and to tell a tab from other characters): bytes in memory, or a
/// file whose first bytes are read again when an error needs them.
public enum YAMLInput: Sendable {
    case memory([UInt8])
    case file(String)

    /// The first `count` bytes (fewer at the end of the input or when the file cannot be read again).
    func prefix(_ count: Int) -> ArraySlice<UInt8> {
        switch self {
        case .memory(let bytes):
            return bytes.prefix(max(0, count))
        case .file(let path):
            guard let (fd, size) = try? FileReader.open(path: path, displayName: path, maxBytes: .max) else { return [] }
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: min(max(0, count), size))
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeMutableBytes { FileReader.read(fd, into: $0.baseAddress! + done, count: $0.count - done) }
                if n <= 0 { break }
                done += n
            }
            return bytes[..<done]
        }
    }
}

/// Builds the node tree from checked events without recursion.
private struct TreeBuilder {
    /// An open list or mapping. Mutated in place on the stack, so appending
    /// never copies the children gathered so far.
    struct Frame {
        let isMapping: Bool
        let mark: SourceMark
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
    }

    var stack: [Frame] = []
    var root: YAMLNode?

    mutating func handle(_ event: YAMLEvent) {
        switch event {
        case .scalar(let text, let style, let mark):
            append(YAMLNode(.scalar(text, style), mark: mark))
        case .sequenceStart(let mark):
            stack.append(Frame(isMapping: false, mark: mark))
        case .mappingStart(let mark):
            stack.append(Frame(isMapping: true, mark: mark))
        case .collectionEnd:
            guard let frame = stack.popLast() else { return }
            append(YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), mark: frame.mark))
        }
    }

    mutating func append(_ node: YAMLNode) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }
}

/// The node events of a libyaml parse, checked as they stream: core-schema
/// tags only, one document, scalar and unique mapping keys, and the depth,
/// node and alias-expansion limits. Aliases are expanded by replaying the
/// events recorded for their anchor.
public struct LibYAMLEvents: YAMLEventSource {
    /// An open mapping or sequence.
    struct Frame {
        let isMapping: Bool
        /// In a mapping: the next node is a key.
        var expectingKey = true
        /// Where this mapping's keys start in `keys`.
        let firstKey: Int
        /// Keys by text, built once a mapping has many.
        var index: [String: SourceMark]? = nil
    }

    /// An anchored node whose events are being recorded.
    struct Recording {
        let anchor: String
        let depth: Int
        var events: [YAMLEvent] = []
        var nodes = 0
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    let file: String
    let limits: LoadLimits
    let input: YAMLInput
    private var frames: [Frame] = []
    /// The keys of the open mappings, outermost first: a mapping's keys are
    /// contiguous because inner mappings close (and drop theirs) first.
    private var keys: [(text: String, fingerprint: UInt64, mark: SourceMark)] = []
    public private(set) var keyFingerprint: UInt64?
    private var recordings: [Recording] = []
    private var anchors: [String: (events: [YAMLEvent], nodes: Int)] = [:]
    /// Alias expansions in progress: recorded events and the next to replay.
    private var replays: [(events: [YAMLEvent], next: Int)] = []
    private var nodes = 0
    private var aliasExpansion = 0
    /// The root node's last event has been read.
    private(set) var rootDone = false

    init(parser: UnsafeMutablePointer<yaml_parser_t>, file: String, limits: LoadLimits, input: YAMLInput) {
        self.parser = parser
        self.file = file
        self.limits = limits
        self.input = input
    }

    func mark(_ m: yaml_mark_t) -> SourceMark { Self.mark(m, file: file) }

    /// libyaml's 0-based mark as a 1-based `SourceMark`.
    static func mark(_ m: yaml_mark_t, file: String) -> SourceMark {
        SourceMark(file: file, line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    /// The YAML core schema's scalar tags; anything else (`!!python/object`, `!custom`) is refused.
    static let coreTags: Set<String> = ["str", "int", "float", "bool", "null", "timestamp"].reduce(into: []) { $0.insert("tag:yaml.org,2002:" + $1) }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Reads up to the root node's first event; a stream with no document is an error.
    mutating func start() throws(InputError) {
        while true {
            switch try Self.withEvent(parser, file: file, input: input, { $0.type }) {
            case YAML_STREAM_START_EVENT: continue
            case YAML_DOCUMENT_START_EVENT: return
            default:
                throw InputError(.error(.emptyFile, at: SourceMark(file: file, line: 1, column: 1),
                                        "file holds no YAML document (it is empty or only comments)"))
            }
        }
    }

    /// After the root node: the document may end, and the stream must end with it.
    mutating func finish() throws(InputError) {
        while true {
            let (type, start) = try Self.withEvent(parser, file: file, input: input) { ($0.type, $0.start_mark) }
            switch type {
            case YAML_DOCUMENT_END_EVENT: continue
            case YAML_DOCUMENT_START_EVENT:
                throw InputError(.error(.yamlFeature, at: mark(start), "a file holds one YAML document; found a second one here"))
            default: return  // the end of the stream
            }
        }
    }

    /// Parses one libyaml event and hands it to `body`, freeing it afterwards.
    private static func withEvent<T>(_ parser: UnsafeMutablePointer<yaml_parser_t>, file: String, input: YAMLInput,
                                     _ body: (yaml_event_t) throws(InputError) -> T) throws(InputError) -> T {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            throw InputError(parserError(parser.pointee, file: file, input: input))
        }
        defer { yaml_event_delete(&event) }
        return try body(event)
    }

    public mutating func next() throws(InputError) -> YAMLEvent? {
        while !rootDone {
            if let replayed = nextReplayed() {
                try accept(replayed)
                return replayed
            }
            let (translated, anchor) = try Self.withEvent(parser, file: file, input: input) { event throws(InputError) in
                try translate(event)
            }
            guard let event = translated else { continue }  // an alias, queued for replay
            if let mark = event.mark { try count(1, at: mark) }
            try accept(event)
            if let anchor {
                if case .scalar = event {
                    anchors[anchor] = ([event], 1)
                } else {
                    recordings.append(Recording(anchor: anchor, depth: frames.count - 1, events: [event], nodes: 1))
                }
            }
            return event
        }
        return nil
    }

    private mutating func nextReplayed() -> YAMLEvent? {
        while let top = replays.last {
            if top.next < top.events.count {
                replays[replays.count - 1].next += 1
                return top.events[top.next]
            }
            replays.removeLast()
        }
        return nil
    }

    /// Refuses a node's tag unless it is absent, empty or `allowed`.
    private static func checkTag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, at mark: SourceMark,
                                 allowed: (String) -> Bool) throws(InputError) {
        guard let tag = string(pointer), !tag.isEmpty, !allowed(tag) else { return }
        throw InputError(.error(.yamlFeature, at: mark, "custom YAML tag '\(tag)' is not supported"))
    }

    /// A libyaml event as a node event; nil for an alias, which is queued for replay.
    private mutating func translate(_ event: yaml_event_t) throws(InputError) -> (YAMLEvent?, anchor: String?) {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            try Self.checkTag(scalar.tag, at: start) { $0 == "!" || Self.coreTags.contains($0) }
            let style: YAMLNode.ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default:
                // `!!str true` and `! true` are strings, as `"true"` is: not a boolean, number or null.
                let tag = Self.string(scalar.tag) ?? ""
                style = tag == "tag:yaml.org,2002:str" || tag == "!" ? .doubleQuoted : .plain
            }
            let text = Self.string(scalar.value, length: Int(scalar.length)) ?? ""
            return (.scalar(text, style, start), Self.string(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT:
            try Self.checkTag(event.data.sequence_start.tag, at: start) { $0 == "tag:yaml.org,2002:seq" }
            return (.sequenceStart(start), Self.string(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            try Self.checkTag(event.data.mapping_start.tag, at: start) { $0 == "tag:yaml.org,2002:map" }
            return (.mappingStart(start), Self.string(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return (.collectionEnd, nil)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                throw InputError(.error(.yamlFeature, at: start, "alias '*\(name)' refers to no anchor defined before it"))
            }
            aliasExpansion += target.nodes
            if aliasExpansion > limits.maxAliasExpansion {
                throw InputError(.error(.limitExceeded, at: start, "aliases expand to more than \(limits.maxAliasExpansion) nodes (--max-alias-expansion); is this a 'billion laughs' file?"))
            }
            try count(target.nodes, at: start)
            for i in recordings.indices { recordings[i].nodes += target.nodes }
            replays.append((target.events, 0))
            return (nil, nil)
        default:
            return (nil, nil)  // document events cannot occur inside the root node
        }
    }

    private mutating func count(_ n: Int, at mark: SourceMark) throws(InputError) {
        nodes += n
        if nodes > limits.maxNodes {
            throw InputError(.error(.limitExceeded, at: mark, "document has more than \(limits.maxNodes) nodes (--max-nodes)"))
        }
    }

    /// Mappings with fewer keys are checked for duplicates by a scan over
    /// key fingerprints (site equipment states 40-60 keys; a scan of 64 is
    /// cheaper than hashing each key), larger ones through a dictionary.
    static let smallMapping = 64

    /// Checks `event` against the open collections and records it.
    private mutating func accept(_ event: YAMLEvent) throws(InputError) {
        let top = frames.count - 1
        keyFingerprint = nil
        if top >= 0, frames[top].isMapping, frames[top].expectingKey, let mark = event.mark {
            guard case .scalar(let text, _, _) = event else {
                throw InputError(.error(.yamlFeature, at: mark, "mapping keys must be plain text, found \(event.kindName)"))
            }
            try noteKey(text, at: mark, in: top)
        }
        for i in recordings.indices {
            recordings[i].events.append(event)
            if event.mark != nil && replays.isEmpty { recordings[i].nodes += 1 }
        }
        switch event {
        case .mappingStart(let mark), .sequenceStart(let mark):
            if frames.count + 1 > limits.maxDepth {
                throw InputError(.error(.limitExceeded, at: mark, "nesting deeper than \(limits.maxDepth) levels (--max-depth)"))
            }
            var isMapping = false
            if case .mappingStart = event { isMapping = true }
            frames.append(Frame(isMapping: isMapping, firstKey: keys.count))
        case .collectionEnd:
            let frame = frames.removeLast()
            if frame.isMapping { keys.removeSubrange(frame.firstKey...) }
            endRecordings()
            nodeDone()
        case .scalar:
            nodeDone()
        }
    }

    /// A node is complete: its parent mapping now expects the other half of a pair.
    private mutating func nodeDone() {
        if let top = frames.indices.last {
            if frames[top].isMapping { frames[top].expectingKey.toggle() }
        } else {
            rootDone = true
        }
    }

    private mutating func noteKey(_ text: String, at mark: SourceMark, in top: Int) throws(InputError) {
        var earlier: SourceMark?
        let first = frames[top].firstKey
        let fingerprint = H2Audit.fingerprint(text)
        if keys.count - first < Self.smallMapping {
            for i in first..<keys.count where keys[i].fingerprint == fingerprint && keys[i].text == text {
                earlier = keys[i].mark
                break
            }
        } else {
            if frames[top].index == nil {
                var index: [String: SourceMark] = [:]
                for key in keys[first...] where index[key.text] == nil { index[key.text] = key.mark }
                frames[top].index = index
            }
            earlier = frames[top].index?[text]
            if earlier == nil { frames[top].index?[text] = mark }
        }
        if let earlier {
            throw InputError(.error(.duplicate, at: mark, "duplicate key '\(text)'; it was first given at line \(earlier.line), column \(earlier.column)", related: earlier))
        }
        keys.append((text, fingerprint, mark))
        keyFingerprint = fingerprint
    }

    /// Ends the recordings whose node has just closed and makes their anchors available.
    private mutating func endRecordings() {
        while let last = recordings.last, last.depth == frames.count {
            recordings.removeLast()
            anchors[last.anchor] = (last.events, last.nodes)
        }
    }

    /// Turns libyaml's error state into a diagnostic with a position and a hint.
    static func parserError(_ parser: yaml_parser_t, file: String, input: YAMLInput) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown YAML error"
        let context = parser.context.map { String(cString: $0) }
        var where_ = mark(parser.problem_mark, file: file)
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a line: compute it.
            let offset = Int(parser.problem_offset)
            where_ = markForOffset(offset, file: file, bytes: input.prefix(offset))
        }
        var message = problem
        if let context { message += " (\(context))" }
        if parser.error == YAML_READER_ERROR {
            message = "not valid UTF-8 text or contains control characters: " + message
        }
        let offset = Int(parser.problem_mark.index)
        if problem.contains("cannot start any token"), offset >= 0, input.prefix(offset + 1).dropFirst(offset).first == 0x09 {
            message = "tab character: YAML does not allow tabs for indentation; use spaces"
        }
        let code: InputErrorCode
        switch parser.error {
        case YAML_READER_ERROR: code = .encoding        // invalid UTF-8 or UTF-16, control characters, NUL
        case YAML_MEMORY_ERROR: code = .limitExceeded   // libyaml could not allocate: too big to parse
        default: code = .yamlSyntax                     // scanner and parser errors
        }
        return .error(code, at: where_, message)
    }

    static func markForOffset(_ offset: Int, file: String, bytes: ArraySlice<UInt8>) -> SourceMark {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
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
            while yaml_parser_parse(parser, &event) != 0 {
                defer { yaml_event_delete(&event) }
                count += 1
                if event.type == YAML_STREAM_END_EVENT { return count }
            }
            return -1
        } ?? -1
    }

    /// Runs `body` with a new libyaml parser, not yet given its input; nil
    /// if libyaml cannot allocate the parser.
    static func withNewParser<T>(_ body: (UnsafeMutablePointer<yaml_parser_t>) -> T) -> T? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else { return nil }
        defer { yaml_parser_delete(parser) }
        return body(parser)
    }

    /// Runs `body` with a libyaml parser reading `bytes`; nil if libyaml
    /// cannot allocate the parser.
    static func withParser<T>(_ bytes: [UInt8], _ body: (UnsafeMutablePointer<yaml_parser_t>) -> T) -> T? {
        bytes.withUnsafeBufferPointer { buffer -> T? in
            withNewParser { parser in
                // An empty buffer still needs a valid pointer.
                var empty: UInt8 = 0
                if let base = buffer.baseAddress, buffer.count > 0 {
                    yaml_parser_set_input_string(parser, base, buffer.count)
                    return body(parser)
                }
                return withUnsafeMutablePointer(to: &empty) { pointer in
                    yaml_parser_set_input_string(parser, pointer, 0)
                    return body(parser)
                }
            }
        }
    }

    /// Runs `body` with a libyaml parser reading through `reader`; nil if
    /// libyaml cannot allocate the parser.
    static func withParser<T>(reading reader: ChunkReader, _ body: (UnsafeMutablePointer<yaml_parser_t>) -> T) -> T? {
        withExtendedLifetime(reader) {
            withNewParser { parser in
                yaml_parser_set_input(parser, { data, buffer, size, sizeRead in
                    guard let data, let buffer, let sizeRead else { return 0 }
                    return Unmanaged<ChunkReader>.fromOpaque(data).takeUnretainedValue().read(into: buffer, size: size, sizeRead: sizeRead)
                }, Unmanaged.passUnretained(reader).toOpaque())
                return body(parser)
            }
        }
    }
}
