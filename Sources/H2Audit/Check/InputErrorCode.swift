/// A machine-readable code for why an input could not be used (README,
/// "Input-error codes"), so that a batch's broken filings can be grouped by
/// cause. Every `Diagnostic` carries one, set where the problem is found
/// (the file reader, the YAML loader, the site validator, the unit and date
/// checks, the role checks, the pack and baseline readers); reports write
/// its `rawValue`: JSON and JSON Lines `errors[].code`, JUnit's error
/// `type`, SARIF's `properties.code` and notification `descriptor.id`, the
/// CSV `code` column and OSCAL's `code` property.
public enum InputErrorCode: String, CaseIterable, Sendable, Codable {
    /// The file could not be read: missing, unreadable, a folder, not a
    /// regular file, a broken or looping link, a link out of the folders given.
    case unreadable
    /// A resource bound was passed: file size, nesting depth, alias
    /// expansion or node count (`--max-*`).
    case limitExceeded = "limit-exceeded"
    /// Not UTF-8 (or valid UTF-16) text: invalid bytes, control characters, NUL.
    case encoding
    /// No YAML document: an empty file, or only comments.
    case emptyFile = "empty-file"
    /// libyaml's syntax errors, and tabs used for indentation.
    case yamlSyntax = "yaml-syntax"
    /// YAML the tool refuses on purpose: custom tags, keys that are not
    /// plain text, a second document, an alias to no anchor.
    case yamlFeature = "yaml-feature"
    /// The file is not a site (or not a baseline, a pack, ...): its root is
    /// not a mapping, or none of its keys is one of the schema's.
    case notASite = "not-a-site"
    /// A key written twice in one mapping, or an id used twice in one list.
    case duplicate
    /// A key the schema does not have (also one that is gone from it).
    case unknownKey = "unknown-key"
    /// A required key missing, or written with no value.
    case missingKey = "missing-key"
    /// A quantity's unit is unknown, missing, ambiguous or of the wrong dimension.
    case unit
    /// A value past a bound: negative, more than 100 %, below absolute zero,
    /// past any physical value of its kind.
    case outOfRange = "out-of-range"
    /// A date of something done lies after the as-of date.
    case futureDate = "future-date"
    /// Content contradicts the roles the site declares.
    case roleConflict = "role-conflict"
    /// A value of the wrong type, shape or enumeration (text for a number, a
    /// list for a mapping, a word outside its list of choices, a malformed date).
    case wrongType = "wrong-type"
    /// Any other value the schema does not accept.
    case invalidValue = "invalid-value"

    /// The code of a diagnostic as reports write it.
    public static func of(_ diagnostic: Diagnostic) -> String { diagnostic.code.rawValue }
}
