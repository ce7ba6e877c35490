/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// Candidates within a small edit distance of `word` (by default
    /// `max(2, word.count / 3)`), closest first; among equally close ones,
    /// those that start with the same letter first (`mt` -> `m` before `ft`).
    public static func closest(to word: String, in candidates: [String], limit: Int = 1, maxDistance: Int? = nil) -> [String] {
        let lowered = word.lowercased()
        let maxDistance = maxDistance ?? max(2, word.count / 3)
        let first = lowered.first
        struct Scored { let word: String; let distance: Int; let otherStart: Bool }
        let scored: [Scored] = candidates.compactMap { candidate in
            let other = candidate.lowercased()
            let d = distance(lowered, other)
            return d <= maxDistance ? Scored(word: candidate, distance: d, otherStart: other.first != first) : nil
        }
        let sorted = scored.sorted { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            if a.otherStart != b.otherStart { return !a.otherStart }
            return a.word < b.word
        }
        return sorted.prefix(limit).map { $0.word }
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
