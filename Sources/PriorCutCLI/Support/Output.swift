import Foundation

/// Writes a line to standard error (progress and diagnostics never mix with results on stdout).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
