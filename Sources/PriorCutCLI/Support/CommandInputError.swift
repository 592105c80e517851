/// Problems with the files and folders given to a command, said in the command's own option names.
public enum CommandInputError: Error, CustomStringConvertible, Equatable {
    /// The path does not exist.
    case missingPath(option: String, path: String)
    /// Some options name files and others folders; they must all be the same kind.
    case mixedFilesAndFolders(files: [String], folders: [String])
    /// A folder holds no image files (`.tif`, `.tiff`, `.png`).
    case noImages(option: String, folder: String)
    /// Two files in one folder share a name stem, so pairing by stem is ambiguous.
    case duplicateStem(option: String, stem: String, files: [String])
    /// Stems present for some options but missing for others: `(option, missing stems)`.
    case missingPartners([MissingPartners])
    /// Outputs that already exist (the command refuses to overwrite them without `--force`).
    case outputExists([String])
    /// The output must be a folder because the inputs are folders (or a file because they are files).
    case outputKind(path: String, expected: String)
    /// One paired item could not be processed (e.g. its images differ in shape).
    case itemFailed(stem: String, paths: [String], reason: String)
    /// Creating the output folder failed.
    case cannotCreateFolder(path: String, reason: String)

    /// The stems one option lacks.
    public struct MissingPartners: Sendable, Equatable {
        public let option: String
        public let stems: [String]
        public init(option: String, stems: [String]) {
            self.option = option
            self.stems = stems
        }
    }

    public var description: String {
        switch self {
        case let .missingPath(option, path):
            return "\(option) \(path): no such file or folder"
        case let .mixedFilesAndFolders(files, folders):
            return "give either files or folders to every input option, not a mix (files: \(files.joined(separator: ", ")); "
                + "folders: \(folders.joined(separator: ", ")))"
        case let .noImages(option, folder):
            return "\(option) \(folder): the folder has no .tif, .tiff or .png files"
        case let .duplicateStem(option, stem, files):
            return "\(option): several files share the name '\(stem)' (\(files.joined(separator: ", "))); pairing by name is ambiguous"
        case let .missingPartners(missing):
            let lines = missing.map { entry in
                let shown = entry.stems.prefix(20).joined(separator: ", ")
                let more = entry.stems.count > 20 ? " and \(entry.stems.count - 20) more" : ""
                return "  \(entry.option) has no file for: \(shown)\(more)"
            }
            return "inputs are paired by file name, and some have no partner:\n" + lines.joined(separator: "\n")
        case let .outputExists(paths):
            let shown = paths.prefix(10).joined(separator: ", ")
            let more = paths.count > 10 ? " and \(paths.count - 10) more" : ""
            return "refusing to overwrite existing output \(shown)\(more); pass --force to replace"
        case let .outputKind(path, expected):
            return "output \(path) must be \(expected)"
        case let .itemFailed(stem, paths, reason):
            return "\(stem): \(reason) (\(paths.joined(separator: " vs ")))"
        case let .cannotCreateFolder(path, reason):
            return "cannot create folder \(path): \(reason)"
        }
    }
}
