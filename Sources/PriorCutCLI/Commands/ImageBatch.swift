import ArgumentParser
import Foundation
import Imaging

/// The (input, output) pairs of a command that takes `--image FILE` or `--images DIR` and writes `--out FILE|DIR`:
/// `PairedInputs` with one option and an `OutputLocation`, so every command finds, pairs and protects files the
/// same way. Outputs are TIFFs named by their input's stem. Nothing is overwritten unless `force` is set; every
/// conflict is reported before any work starts.
struct ImageBatch {
    struct Item {
        let input: String
        let output: String
        let stem: String
        var name: String { URL(fileURLWithPath: input).lastPathComponent }
    }

    let items: [Item]
    let isFolder: Bool

    init(image: String?, images: String?, out: String, force: Bool) throws {
        let option: String, source: String
        switch (image, images) {
        case let (file?, nil): (option, source) = ("--image", file)
        case let (nil, folder?): (option, source) = ("--images", folder)
        default: throw ValidationError("pass exactly one of --image FILE or --images DIR")
        }
        let inputs = try PairedInputs([(option, source)])
        guard inputs.fromFolders == (images != nil) else {
            throw ValidationError(images != nil ? "--images '\(source)' is a file; use --image for one file"
                                                : "--image '\(source)' is a folder; use --images for a folder")
        }
        let location = OutputLocation(path: out, isFolder: inputs.fromFolders)
        try location.prepare(stems: inputs.items.map(\.stem), force: force)
        items = inputs.items.map { Item(input: $0.paths[0], output: location.path(for: $0.stem), stem: $0.stem) }
        isFolder = inputs.fromFolders
    }

    /// The file in `fileOrFolder` that goes with `item`: the file itself, or the file of the same stem in the folder.
    static func companion(of item: Item, in fileOrFolder: String, what option: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: fileOrFolder, isDirectory: &isDirectory) else {
            throw CommandInputError.missingPath(option: option, path: fileOrFolder)
        }
        guard isDirectory.boolValue else { return fileOrFolder }
        guard let path = try PairedInputs.imagesByStem(in: fileOrFolder, option: option)[item.stem] else {
            throw CommandInputError.missingPartners([.init(option: option, stems: [item.stem])])
        }
        return path
    }
}
