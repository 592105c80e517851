/// A problem in a YAML file the user wrote (a rule manifest, an experiment config), with its place.
///
/// Printed as `manifest.yaml:12:5: unknown rule 'circle.hough' (did you mean 'circles.hough'?)`, the format
/// editors and compilers use, so a terminal or IDE can jump to the line.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or a name such as `<string>` for text not read from a file).
    public var file: String
    /// 1-based line and column; 0 when the problem concerns the whole file.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Every problem found in one file, so a user fixes them in one round instead of one per run.
public struct ConfigurationErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a likely typo.
public func closestName(to word: String, in candidates: some Sequence<String>) -> String? {
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(word.lowercased(), candidate.lowercased())
        if distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(2, best.name.count / 3) else { return nil }
    return best.name
}

/// Levenshtein distance (insertions, deletions, substitutions).
func editDistance(_ a: String, _ b: String) -> Int {
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
