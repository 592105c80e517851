import Foundation
import Imaging

/// Locations of the shared reference data (`../shared` beside the repository), found from this file's path
/// so tests work from any working directory. `PRIORCUT_SHARED` overrides.
public enum Fixtures {
    public static let sharedRoot: URL = {
        if let override = ProcessInfo.processInfo.environment["PRIORCUT_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        // …/main/Tests/TestSupport/Fixtures.swift → …/shared
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }()

    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/fixtures/<relative>`.
    public static func fixture(_ relative: String) -> String {
        sharedRoot.appendingPathComponent("fixtures").appendingPathComponent(relative).path
    }

    /// `../shared/data/<relative>`.
    public static func data(_ relative: String) -> String {
        sharedRoot.appendingPathComponent("data").appendingPathComponent(relative).path
    }

    /// A fresh temporary directory, unique per call.
    public static func temporaryDirectory(_ name: String = "priorcut-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Parses a simple CSV (header row, comma separated, no quoting) into rows keyed by column name.
    public static func csv(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    /// Parses a JSON file into Foundation objects.
    public static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
