/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// Candidates within a small edit distance of `word`, closest first.
    public static func closest(to word: String, in candidates: [String], limit: Int = 1) -> [String] {
        let lowered = word.lowercased()
        let maxDistance = max(2, word.count / 3)
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
            .filter { $0.1 <= maxDistance }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map(\.0)
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
