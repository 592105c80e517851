import Foundation

/// Prints a value as one line of JSON with sorted keys (stable output for scripts and tests).
public enum JSONOutput {
    public static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
