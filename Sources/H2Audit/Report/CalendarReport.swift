import Foundation

/// Writes site calendars as text, JSON or iCalendar (RFC 5545).
public enum CalendarReport {
    public enum Format: String, CaseIterable, Sendable { case text, json, ics }

    public static func render(_ calendars: [SiteCalendar], as format: Format, paint: Paint = Paint(enabled: false),
                              stamp: Date = Date()) -> String {
        switch format {
        case .text: return text(calendars, paint: paint)
        case .json: return json(calendars)
        case .ics: return ics(calendars, stamp: stamp)
        }
    }

    // MARK: text

    static func text(_ calendars: [SiteCalendar], paint: Paint) -> String {
        var lines: [String] = []
        for (i, calendar) in calendars.enumerated() {
            if i > 0 { lines.append("") }
            let overdue = calendar.obligations.filter { $0.overdue(at: calendar.asOf) }.count
            lines.append(paint.bold(Escape.text("\(calendar.file): \(calendar.siteName) [\(calendar.siteID)]"))
                         + "  \(calendar.obligations.count) dated obligations, \(overdue) overdue at \(calendar.asOf)")
            for o in calendar.obligations {
                let state: String
                if o.kind == .takesEffect { state = paint.severity(.info, "takes effect") } else if o.overdue(at: calendar.asOf) {
                    state = paint.severity(.critical, "OVERDUE")
                } else { state = "due" }
                let window = o.windowStart.map { "\($0) .. \(o.due)" } ?? "\(o.due)"
                lines.append("  \(window.padding(toLength: 24, withPad: " ", startingAt: 0)) \(state.padding(toLength: paint.enabled ? state.count : 12, withPad: " ", startingAt: 0)) \(o.requirement.severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)) " + Escape.text("\(o.requirement.id)  \(o.what)"))
                lines.append("      " + Escape.text("\(o.detail)\(o.mark.map { "  (at \($0))" } ?? "")"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    static func json(_ calendars: [SiteCalendar]) -> String {
        var w = JSONWriter()
        w.open()
        w.field("h2audit_version", H2AuditVersion.current)
        w.key("sites")
        w.array(calendars) { w, c in
            w.open()
            w.field("file", c.file)
            w.field("site_id", c.siteID)
            w.field("name", c.siteName)
            w.field("as_of", c.asOf.description)
            w.key("obligations")
            w.array(c.obligations) { w, o in
                w.open()
                w.field("uid", o.uid)
                w.field("kind", o.kind.rawValue)
                w.field("requirement", o.requirement.id)
                w.field("title", o.requirement.title)
                w.field("severity", o.requirement.severity.rawValue)
                w.field("basis", o.requirement.basis.rawValue)
                w.field("what", o.what)
                w.field("subject", o.subject)
                if let mark = o.mark { w.field("at", mark.description) }
                w.field("detail", o.detail)
                if let start = o.windowStart { w.field("window_start", start.description) }
                w.field("due", o.due.description)
                w.field("overdue", o.overdue(at: c.asOf))
                w.close()
            }
            w.close()
        }
        w.close()
        return w.text + "\n"
    }

    // MARK: iCalendar

    /// One VCALENDAR, one all-day VEVENT per obligation spanning its window
    /// (DTEND is exclusive: the day after the last day), CRLF line ends,
    /// lines folded at 75 octets, text escaped (RFC 5545 3.1, 3.3.11).
    static func ics(_ calendars: [SiteCalendar], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//h2audit//h2audit \(H2AuditVersion.current)//EN",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + escape("h2audit obligations")]
        let dtstamp = utcStamp(stamp)
        for c in calendars {
            for o in c.obligations {
                let start = o.windowStart ?? o.due
                var summary = "\(o.requirement.id) \(o.what): \(c.siteName)"
                if o.overdue(at: c.asOf) { summary = "OVERDUE " + summary }
                var description = "\(o.requirement.title)\n\(o.detail)\nseverity \(o.requirement.severity.rawValue), basis \(o.requirement.basis.rawValue)"
                if let start = o.windowStart { description += "\nwindow \(start) to \(o.due)" }
                if let mark = o.mark { description += "\nsource: \(mark)" }
                description += "\nsite file: \(c.file); as of \(c.asOf)"
                lines += [
                    "BEGIN:VEVENT",
                    "UID:" + o.uid,
                    "DTSTAMP:" + dtstamp,
                    "DTSTART;VALUE=DATE:" + date(start),
                    "DTEND;VALUE=DATE:" + date(o.due.adding(days: 1)),
                    "SUMMARY:" + escape(summary),
                    "DESCRIPTION:" + escape(description),
                    "CATEGORIES:" + escape(o.kind.rawValue),
                    "TRANSP:TRANSPARENT",
                    "END:VEVENT",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261123`
    static func date(_ day: Day) -> String {
        let c = day.components
        return String(format: "%04d%02d%02d", c.year, c.month, c.day)
    }

    /// `20261123T101500Z`
    static func utcStamp(_ date: Date) -> String {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// TEXT escaping: backslash, semicolon, comma, and new lines as `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets, never inside a
    /// UTF-8 sequence; each continuation starts with one space.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var parts: [String] = []
        var current = "", octets = 0, limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > limit {
                parts.append(current)
                current = " "
                octets = 1
                limit = 75
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n")
    }
}
