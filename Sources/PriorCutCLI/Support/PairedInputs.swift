import Foundation
import Imaging

/// Inputs given to a command as `FILE|DIR` for several options (e.g. `--ground-truth` and `--prediction`),
/// paired into one item per image.
///
/// Either every option names a file (one item, named by the first file's stem) or every option names a folder:
/// then the image files (`.tif`, `.tiff`, `.png`, hidden files skipped) of each folder are matched by name stem
/// (`a.tif` ↔ `a.png`), every stem must exist in every folder, and items come sorted by stem. Missing partners are
/// one error that lists them per option.
public struct PairedInputs: Sendable, Equatable {
    /// One image: its name stem and one path per option, in the options' order.
    public struct Item: Sendable, Equatable {
        public let stem: String
        public let paths: [String]

        public init(stem: String, paths: [String]) {
            self.stem = stem
            self.paths = paths
        }
    }

    public let items: [Item]
    /// True when the inputs were folders (so outputs go to a folder too).
    public let fromFolders: Bool

    /// Resolves `(option name, path)` pairs, e.g. `[("--ground-truth", gt), ("--prediction", pred)]`.
    public init(_ inputs: [(option: String, path: String)]) throws(CommandInputError) {
        var files: [String] = [], folders: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isFolder) else {
                throw .missingPath(option: input.option, path: input.path)
            }
            if isFolder.boolValue { folders.append(input.path) } else { files.append(input.path) }
        }
        guard files.isEmpty || folders.isEmpty else { throw .mixedFilesAndFolders(files: files, folders: folders) }
        if folders.isEmpty {
            let stem = Self.stem(of: inputs.first?.path ?? "")
            items = inputs.isEmpty ? [] : [Item(stem: stem, paths: inputs.map(\.path))]
            fromFolders = false
            return
        }
        var byOption: [[String: String]] = []
        for input in inputs { byOption.append(try Self.imagesByStem(in: input.path, option: input.option)) }
        let allStems = Set(byOption.flatMap(\.keys))
        let missing = zip(inputs, byOption).compactMap { input, images -> CommandInputError.MissingPartners? in
            let lacking = allStems.subtracting(images.keys).sorted()
            return lacking.isEmpty ? nil : .init(option: input.option, stems: lacking)
        }
        guard missing.isEmpty else { throw .missingPartners(missing) }
        items = allStems.sorted().map { stem in Item(stem: stem, paths: byOption.map { $0[stem] ?? "" }) }
        fromFolders = true
    }

    /// The file name without folder and extension: `/a/b/img_01.tif` → `img_01`.
    public static func stem(of path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// The image files of a folder keyed by stem.
    static func imagesByStem(in folder: String, option: String) throws(CommandInputError) -> [String: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var byStem: [String: [String]] = [:]
        for name in names where !name.hasPrefix(".") {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
            guard ImageFile.imageExtensions.contains(url.pathExtension.lowercased()) else { continue }
            byStem[url.deletingPathExtension().lastPathComponent, default: []].append(url.path)
        }
        guard !byStem.isEmpty else { throw .noImages(option: option, folder: folder) }
        if let (stem, paths) = byStem.first(where: { $0.value.count > 1 }) {
            throw .duplicateStem(option: option, stem: stem, files: paths.sorted())
        }
        return byStem.compactMapValues(\.first)
    }
}
