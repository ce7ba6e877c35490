/// The h2audit release, reported in SARIF and JSON output.
public enum H2AuditVersion {
    public static let current = "0.2.0"
}
