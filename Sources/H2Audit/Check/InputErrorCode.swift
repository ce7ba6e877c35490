/// A machine-readable code for an input error (README, "Input-error
/// codes"), so that a batch's broken filings can be grouped by cause. The
/// code is derived from the diagnostic's message by the first matching rule
/// below; `invalid-value` is the rest. A test maps every file of the
/// hostile corpus to its code.
public enum InputErrorCode {
    /// (code, any of these words in the message), in order: the first match wins.
    public static let rules: [(code: String, words: [String])] = [
        ("unreadable", ["cannot read", "cannot open", "permission denied", "no such file", "is a folder", "is a directory",
                        "not a regular file", "symbolic link", "loop", "is not a file"]),
        ("limit-exceeded", ["more than the limit", "nesting deeper", "aliases expand", "more than 1000000 nodes", "(--max-"]),
        ("encoding", ["not valid utf-8", "control characters", "utf-16", "byte order mark"]),
        ("empty-file", ["holds no yaml document"]),
        ("yaml-syntax", ["tab character", "did not find expected", "could not find expected", "found character",
                         "mapping values are not allowed", "while parsing", "while scanning"]),
        ("yaml-feature", ["custom yaml tag", "mapping keys must be plain text", "holds one yaml document", "refers to no anchor",
                          "merge key", "anchor"]),
        ("not-a-site", ["not a site file", "the file must be a mapping"]),
        ("duplicate", ["duplicate key", "is used twice", "appears twice"]),
        ("unknown-key", ["unknown key"]),
        ("missing-key", ["missing required key"]),
        ("unit", ["unknown unit", "has no unit", "' is a ", "ambiguous"]),
        ("out-of-range", ["more than 100 %", "below absolute zero", "cannot be negative", "physical bound", "is more than", "beyond"]),
        ("future-date", ["after the as-of date"]),
        ("role-conflict", ["role"]),
        ("wrong-type", ["must be a", "must be one of", "must be true or false", "must list", "found a list", "found a scalar", "found a mapping"]),
    ]

    /// The code of an input error.
    public static func of(_ diagnostic: Diagnostic) -> String {
        let message = diagnostic.message.lowercased()
        for rule in rules where rule.words.contains(where: message.contains) { return rule.code }
        return "invalid-value"
    }
}
