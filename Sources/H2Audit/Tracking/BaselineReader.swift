/// Reads a baseline file (`Baseline.load`) from the YAML loader's event
/// stream, which libyaml parses from the file in chunks: each finding becomes
/// an entry as its events go by, and neither the file's bytes nor a node
/// tree are held. A baseline of a whole intake (200,000 findings, 1.2
/// million nodes) then costs its entries, not a tree several times the
/// file's size.
///
/// The checks and messages are `MappingReader`'s, in its order: for the
/// file, unknown keys, missing `schema` or `findings`, a `schema` that is
/// not `h2audit-baseline`, a `schema_version` this h2audit does not read,
/// `findings` that are not a list; then for each entry, unknown keys (with
/// a "did you mean"), missing `fingerprint`, `site` or `requirement`, a value
/// that is not text or is blank, a fingerprint that is not 16 hex digits.
/// Every error has the file, line and column; at most
/// `AuditRunner.maxDiagnostics` are reported.
struct BaselineReader {
    static let what = "baseline", entryWhat = "baseline entry"
    static let keys = ["schema", "schema_version", "as_of", "findings"], required = ["schema", "findings"]
    static let entryKeys = ["fingerprint", "site", "requirement", "status", "file"]
    static let entryRequired = ["fingerprint", "site", "requirement"]

    /// A value of a known key: a scalar's text, or the kind of a list or
    /// mapping (read apart or skipped; only its kind is kept, for a message).
    struct Value {
        var text: String?
        var isNull: Bool
        var isList: Bool
        var kind: String
        var mark: SourceMark

        init(_ event: YAMLEvent, mark: SourceMark) {
            if case .scalar(let text, _, _) = event { self.text = text } else { self.text = nil }
            if case .sequenceStart = event { isList = true } else { isList = false }
            isNull = event.isNull
            kind = event.kindName
            self.mark = mark
        }
    }

    /// The values of one mapping's known keys, and the errors found while reading it.
    struct Fields {
        let what: String
        let mark: SourceMark
        var values: [String: Value] = [:]
        var errors: [Diagnostic] = []

        /// `MappingReader.text`: the text of a scalar; an error for a list or
        /// mapping, or for blank text. Nil when absent or null.
        mutating func text(_ key: String) -> String? {
            guard let value = values[key], !value.isNull else { return nil }
            guard let text = value.text else {
                errors.append(.error(.wrongType, at: value.mark, MappingReader.notText(key, in: what, found: value.kind)))
                return nil
            }
            if text.allSatisfy(\.isWhitespace) {
                errors.append(.error(.missingKey, at: value.mark, MappingReader.emptyText(key, in: what)))
                return nil
            }
            return text
        }

        /// Where the value of `key` is written (or the mapping, when it is absent).
        func mark(_ key: String) -> SourceMark { values[key]?.mark ?? mark }

        /// Missing required keys (absent or null), in the order of `required`.
        mutating func checkRequired(_ required: [String]) {
            for key in required where values[key]?.isNull ?? true {
                errors.append(.error(.missingKey, at: mark, MappingReader.missingKey(key, in: what)))
            }
        }
    }

    let file: String
    private(set) var entries: [Baseline.Entry] = []
    /// The errors of the file's own keys, and those of its entries (at most `maxDiagnostics`).
    private var fileErrors: [Diagnostic] = []
    private var entryErrors: [Diagnostic] = []
    /// One copy of each site, requirement, status and file text: a baseline
    /// repeats them on every finding of a filing, and entries share the copy.
    private var texts: Set<String> = []

    init(file: String) { self.file = file }

    /// Every error found, file-level ones first, at most `maxDiagnostics`.
    var errors: [Diagnostic] { Array((fileErrors + entryErrors).prefix(AuditRunner.maxDiagnostics)) }

    /// Reads and checks the baseline at `path` within `Baseline.limits`.
    static func entries(path: String) throws(InputError) -> [Baseline.Entry] {
        // libyaml reads the file in chunks: neither its bytes nor a tree are held.
        // Syntax errors, a second document and the loader's bounds are thrown
        // by the event source and come first, as when the file was a tree.
        let reader = try YAMLLoader(limits: Baseline.limits).events(path: path, displayName: path) { (source: inout LibYAMLEvents) throws(InputError) -> BaselineReader in
            var reader = BaselineReader(file: path)
            try reader.read(&source)
            return reader
        }
        if !reader.errors.isEmpty { throw InputError(reader.errors) }
        return reader.entries
    }

    /// Reads the document's root node from `source`, to its end.
    mutating func read<Source: YAMLEventSource>(_ source: inout Source) throws(InputError) {
        guard let root = try source.next(), let rootMark = root.mark else { return }
        guard case .mappingStart = root else {
            fileErrors.append(.error(.wrongType, at: rootMark, MappingReader.notAMapping(Self.what, found: root.kindName)))
            try source.skipNode(startingWith: root)
            return
        }
        var fields = Fields(what: Self.what, mark: rootMark)
        while let key = try source.next(), case .scalar(let name, _, let keyMark) = key {
            guard let value = try source.next(), let valueMark = value.mark else { break }
            guard Self.keys.contains(name) else {
                fields.errors.append(.error(.unknownKey, at: keyMark, MappingReader.unknownKey(name, in: Self.what, keys: Self.keys)))
                try source.skipNode(startingWith: value)
                continue
            }
            fields.values[name] = Value(value, mark: valueMark)
            if name == "findings", case .sequenceStart = value {
                try readFindings(&source)
            } else {
                try source.skipNode(startingWith: value)
            }
        }
        fields.checkRequired(Self.required)
        if let schema = fields.text("schema"), schema != Baseline.schema {
            fields.errors.append(.error(.notASite, at: fields.mark("schema"),
                "not a baseline: schema is '\(Escape.excerpt(schema))', expected '\(Baseline.schema)' (write one with `h2audit baseline`)"))
        }
        if let version = fields.text("schema_version"), version != String(Baseline.schemaVersion) {
            fields.errors.append(.error(.invalidValue, at: fields.mark("schema_version"),
                "baseline schema_version \(Escape.excerpt(version)) is not \(Baseline.schemaVersion), the one this h2audit reads"))
        }
        if let findings = fields.values["findings"], !findings.isNull, !findings.isList {
            fields.errors.append(.error(.wrongType, at: findings.mark, MappingReader.notAList("findings", in: Self.what, found: findings.kind)))
        }
        fileErrors = fields.errors
    }

    /// Reads the items of `findings` up to the end of the list.
    private mutating func readFindings<Source: YAMLEventSource>(_ source: inout Source) throws(InputError) {
        while let item = try source.next(), let itemMark = item.mark {
            guard case .mappingStart = item else {
                note([.error(.wrongType, at: itemMark, MappingReader.notAMapping(Self.entryWhat, found: item.kindName))])
                try source.skipNode(startingWith: item)
                continue
            }
            var fields = Fields(what: Self.entryWhat, mark: itemMark)
            while let key = try source.next(), case .scalar(let name, _, let keyMark) = key {
                guard let value = try source.next(), let valueMark = value.mark else { break }
                if Self.entryKeys.contains(name) {
                    fields.values[name] = Value(value, mark: valueMark)
                } else {
                    fields.errors.append(.error(.unknownKey, at: keyMark, MappingReader.unknownKey(name, in: Self.entryWhat, keys: Self.entryKeys)))
                }
                try source.skipNode(startingWith: value)
            }
            fields.checkRequired(Self.entryRequired)
            let fingerprint = fields.text("fingerprint"), site = fields.text("site"), requirement = fields.text("requirement")
            let status = fields.text("status") ?? "", file = fields.text("file") ?? ""
            if let fingerprint, fingerprint.count != 16 || !fingerprint.allSatisfy(\.isHexDigit) {
                fields.errors.append(.error(.invalidValue, at: fields.mark("fingerprint"),
                                            "fingerprint must be 16 hex digits, not '\(Escape.excerpt(fingerprint))'"))
            }
            note(fields.errors)
            // Once any entry is wrong the file is refused: entries are kept only while all are right.
            if let fingerprint, let site, let requirement, entryErrors.isEmpty {
                entries.append(Baseline.Entry(fingerprint: fingerprint, site: shared(site), requirement: shared(requirement),
                                              status: shared(status), file: shared(file)))
            }
        }
    }

    /// The kept copy of `text`. Text of up to 15 UTF-8 bytes is stored in the
    /// `String` itself, with nothing to share.
    private mutating func shared(_ text: String) -> String {
        text.utf8.count <= 15 ? text : texts.insert(text).memberAfterInsert
    }

    /// Keeps an entry's errors, up to what can be reported.
    private mutating func note(_ errors: [Diagnostic]) {
        guard !errors.isEmpty else { return }
        entryErrors += errors.prefix(AuditRunner.maxDiagnostics - entryErrors.count)
        entries = []  // the file is refused: free what was read
    }
}
