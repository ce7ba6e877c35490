/// Warnings about requirements that load and pass their examples but can
/// still let a silent site through.
public enum PackLint {
    /// `has(...)` in `applies` turns a fact the file does not state into
    /// not-applicable: silence would read as absence (DESIGN: unknown is never none).
    public static func warnings(_ pack: RequirementPack) -> [Diagnostic] {
        pack.requirements.compactMap { r in
            guard let applies = r.applies, applies.text.contains("has(") else { return nil }
            return Diagnostic(.warning, code: .invalidValue, file: pack.file, mark: r.mark,
                              message: "\(r.id): 'applies' uses has(...), which turns an unknown fact into not-applicable; state absence in the site file (none, never, []) and test the fact itself")
        }
    }
}
