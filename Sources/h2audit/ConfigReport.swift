import H2Audit

/// What `check --show-config` prints: each setting's effective value and
/// where it came from (a flag, a line of the configuration file, or the default).
struct ConfigReport {
    var file = ""
    var rows: [(key: String, value: String, source: String)] = []

    var lines: [String] {
        ["configuration file: \(file)"] + rows.map { row in
            func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
            return "  " + pad(row.key, 14) + pad(row.value, 34) + "  " + row.source
        }
    }

    /// Rows for `flags` (the command as parsed) and the configuration's values.
    func described(_ flags: Check, config: ProjectConfig?) -> ConfigReport {
        var report = self
        func row<T>(_ key: String, flag: String, given: String?, setting: ProjectConfig.Setting<T>?, show: (T) -> String, fallback: String) {
            if let given {
                report.rows.append((key, given, flag))
            } else if let setting {
                report.rows.append((key, show(setting.value), setting.mark.description))
            } else {
                report.rows.append((key, fallback, "default"))
            }
        }
        func list(_ values: [String]) -> String? { values.isEmpty ? nil : values.joined(separator: ",") }
        row("regime", flag: "--regime", given: flags.regimeOption.regime, setting: config?.regime, show: { $0 }, fallback: "each site's own country")
        row("as_of", flag: "--as-of", given: flags.asOf?.description, setting: config?.asOf, show: { $0.description }, fallback: "today (\(Day.today()))")
        row("fail_on", flag: "--fail-on", given: flags.failOn?.rawValue, setting: config?.failOn, show: { $0.rawValue }, fallback: "major")
        row("exclude", flag: "--exclude", given: list(flags.exclude), setting: config?.exclude, show: { $0.joined(separator: ",") }, fallback: "(none)")
        row("outputs", flag: "--output", given: list(flags.output), setting: config?.outputs, show: { $0.joined(separator: " ") }, fallback: "\(flags.format.rawValue) to standard output")
        let baselineSetting = flags.writingBaseline ? nil : config?.baseline
        row("baseline", flag: "--baseline", given: flags.baseline, setting: baselineSetting, show: { $0 }, fallback: "(none)")
        row("waivers", flag: "--waivers", given: flags.waivers, setting: config?.waivers, show: { $0 }, fallback: "(none)")
        row("min_severity", flag: "--min-severity", given: flags.minSeverity?.rawValue, setting: config?.minSeverity, show: { $0.rawValue }, fallback: "(list every severity)")
        row("status", flag: "--status", given: list(flags.status), setting: config?.status, show: { $0.joined(separator: ",") }, fallback: "(list every status)")
        row("only", flag: "--only", given: list(flags.only), setting: config?.only, show: { $0.joined(separator: ",") }, fallback: "(every requirement)")
        row("skip", flag: "--skip", given: list(flags.skip), setting: config?.skip, show: { $0.joined(separator: ",") }, fallback: "(none)")
        row("soft_fail", flag: "--soft-fail", given: flags.softFail ? "true" : nil, setting: config?.softFail, show: { String($0) }, fallback: "false")
        return report
    }
}
