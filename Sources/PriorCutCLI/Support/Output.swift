import Foundation

/// Writes a line to standard error: progress and diagnostics never mix with results on standard output.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints a JSON object built from dictionaries and arrays on one line with sorted keys (for `--json` outputs whose
/// shape varies, such as per-rule scores; fixed shapes use `JSONOutput` with `Codable` types).
func printJSON(_ object: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    print(String(decoding: data, as: UTF8.self))
}
