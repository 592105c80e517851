import Foundation

/// Progress of long folder work on standard error (standard output stays clean for tables and JSON).
///
/// Silent for a single item. On a terminal one line is rewritten in place; otherwise (logs, CI) one line per item.
public struct ProgressReporter: Sendable {
    public let total: Int
    public let label: String
    private let interactive: Bool

    public init(total: Int, label: String) {
        self.total = total
        self.label = label
        self.interactive = isatty(STDERR_FILENO) != 0
    }

    /// Reports that item `index` (0-based) named `name` is being processed.
    public func step(_ index: Int, _ name: String) {
        guard total > 1 else { return }
        let text = "\(label) \(index + 1)/\(total): \(name)"
        write(interactive ? "\r\u{1B}[K" + text : text + "\n")
    }

    /// Ends the progress line (on a terminal).
    public func finish() {
        guard total > 1, interactive else { return }
        write("\r\u{1B}[K")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
