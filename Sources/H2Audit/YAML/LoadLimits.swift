/// Resource bounds for loading one file. Every bound turns into a clear
/// error with a position instead of unbounded time or memory.
public struct LoadLimits: Sendable, Equatable {
    /// Largest file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of lists and mappings.
    public var maxDepth: Int
    /// Most nodes that aliases may add by expansion (billion-laughs guard).
    public var maxAliasExpansion: Int
    /// Most nodes in one document, counting alias expansions.
    public var maxNodes: Int

    public init(maxFileBytes: Int = 16 << 20, maxDepth: Int = 128,
                maxAliasExpansion: Int = 10_000, maxNodes: Int = 1_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxNodes = maxNodes
    }

    public static let `default` = LoadLimits()
}
