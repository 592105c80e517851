import Foundation

/// Where a command writes one output per input item, with overwrite protection.
///
/// When the inputs were files the output is the file given; when they were folders it is a folder (created if
/// needed) holding `<stem>.<ext>` per item. `prepare` checks every target before any work starts, so a refused
/// overwrite never leaves half a folder of new results.
public struct OutputLocation: Sendable, Equatable {
    public let path: String
    public let isFolder: Bool
    public let fileExtension: String

    public init(path: String, isFolder: Bool, fileExtension: String = "tif") {
        self.path = path
        self.isFolder = isFolder
        self.fileExtension = fileExtension
    }

    /// The output path for the item named `stem`.
    public func path(for stem: String) -> String {
        isFolder ? URL(fileURLWithPath: path).appendingPathComponent("\(stem).\(fileExtension)").path : path
    }

    /// The targets that already exist (for commands that check several locations before writing any).
    public func existingOutputs(stems: [String]) -> [String] {
        stems.map(path(for:)).filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Fails if any target already exists (unless `force`) or the path is of the wrong kind; creates the folder
    /// (and a file's parent folder) when missing.
    public func prepare(stems: [String], force: Bool) throws(CommandInputError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, isDirectory.boolValue != isFolder {
            throw .outputKind(path: path, expected: isFolder ? "a folder (the inputs are folders)" : "a file (the inputs are files)")
        }
        if !force {
            let existing = existingOutputs(stems: stems)
            guard existing.isEmpty else { throw .outputExists(existing) }
        }
        let folder = isFolder ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(path: folder, reason: error.localizedDescription)
        }
    }
}
