/// The h2audit release, reported in SARIF and JSON output.
public enum H2AuditVersion {
    public static let current = "0.2.0"
    public static let informationURI = "https://github.com/h2audit/h2audit"
}
