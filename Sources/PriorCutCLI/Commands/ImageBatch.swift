import ArgumentParser
import Foundation
import Imaging

/// The (input, output) pairs of a command that takes `--image FILE` or `--images DIR` and writes `--out FILE|DIR`.
/// Outputs are TIFFs named like their inputs (the extension becomes `.tif` for PNG inputs). Nothing is overwritten
/// unless `force` is set; every conflict is reported before any work starts.
struct ImageBatch {
    struct Item {
        let input: String
        let output: String
        var name: String { URL(fileURLWithPath: input).lastPathComponent }
    }

    let items: [Item]
    let isFolder: Bool

    init(image: String?, images: String?, out: String, force: Bool) throws {
        switch (image, images) {
        case (nil, nil), (.some, .some):
            throw ValidationError("pass exactly one of --image FILE or --images DIR")
        case let (file?, nil):
            guard !Self.isDirectory(out) else {
                throw ValidationError("--out '\(out)' is a directory; with --image pass an output file")
            }
            items = [Item(input: file, output: out)]
            isFolder = false
        case let (nil, folder?):
            let inputs = try Self.imageFiles(in: folder)
            guard !inputs.isEmpty else { throw ImageBatchError.noImages(folder: folder) }
            if FileManager.default.fileExists(atPath: out), !Self.isDirectory(out) {
                throw ValidationError("--out '\(out)' is a file; with --images pass an output directory")
            }
            items = inputs.map { Item(input: $0, output: URL(fileURLWithPath: out).appendingPathComponent(Self.tiffName($0)).path) }
            isFolder = true
        }
        if !force {
            let existing = items.map(\.output).filter { FileManager.default.fileExists(atPath: $0) }
            if !existing.isEmpty { throw ImageBatchError.outputsExist(existing) }
        }
        if isFolder {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        }
    }

    /// The file in `fileOrFolder` that goes with `item`: the file itself, or the same-named file in the folder
    /// (any image extension with the same stem).
    static func companion(of item: Item, in fileOrFolder: String, what: String) throws -> String {
        guard isDirectory(fileOrFolder) else { return fileOrFolder }
        let stem = URL(fileURLWithPath: item.input).deletingPathExtension().lastPathComponent
        let candidates = [item.name] + ImageFile.imageExtensions.sorted().map { "\(stem).\($0)" }
        for name in candidates {
            let path = URL(fileURLWithPath: fileOrFolder).appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw ImageBatchError.missingCompanion(what: what, image: item.name, folder: fileOrFolder)
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    static func imageFiles(in folder: String) throws -> [String] {
        guard isDirectory(folder) else { throw ValidationError("'\(folder)' is not a directory") }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.filter { !$0.hasPrefix(".") && ImageFile.imageExtensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
            .sorted()
            .map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
    }

    static func tiffName(_ input: String) -> String {
        let url = URL(fileURLWithPath: input)
        let ext = url.pathExtension.lowercased()
        return ext == "tif" || ext == "tiff" ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent + ".tif"
    }
}

/// Why a batch of images cannot be processed (usage errors are `ValidationError`s instead).
enum ImageBatchError: Error, CustomStringConvertible {
    case outputsExist([String])
    case noImages(folder: String)
    case missingCompanion(what: String, image: String, folder: String)

    var description: String {
        switch self {
        case let .outputsExist(paths):
            let shown = paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? ", …" : "")
            return "\(paths.count) output file(s) already exist (\(shown)); pass --force to overwrite"
        case let .noImages(folder): return "no TIFF or PNG images in '\(folder)'"
        case let .missingCompanion(what, image, folder): return "no \(what) for '\(image)' in '\(folder)'"
        }
    }
}

/// Prints one line of progress to standard error.
func progress(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints a JSON object to standard output with sorted keys.
func printJSON(_ object: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
