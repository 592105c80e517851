import Foundation
import Tensors

/// Saving and loading a module's parameters as a safetensors file, keyed by their names in the module tree.
/// Python reads our files with `safetensors.numpy.load_file` / `safetensors.torch.load_file`.
public enum Checkpoint {
    /// Writes every parameter (atomically: temporary file, then rename), with optional string metadata.
    public static func save(_ module: some Module, to url: URL, metadata: [String: String] = [:]) throws(CheckpointError) {
        let tensors = Dictionary(module.namedParameters.map { ($0.name, $0.parameter.value) }, uniquingKeysWith: { a, _ in a })
        do { try SafeTensorsFile.write(tensors, metadata: metadata, to: url) } catch { throw .file(error) }
    }

    /// Loads every parameter of `module` from `url`. Nothing is changed unless the file holds exactly the module's
    /// names with the module's shapes; otherwise the error lists what is missing, surplus or of the wrong shape.
    /// Returns the file's metadata.
    @discardableResult
    public static func load(into module: some Module, from url: URL) throws(CheckpointError) -> [String: String] {
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(contentsOf: url) } catch { throw .file(error) }
        var values: [String: Tensor] = [:]
        for name in file.names {
            do { values[name] = try file.tensor(name) } catch { throw .file(error) }
        }
        do { try module.assign(values) } catch { throw .doesNotFit(path: url.path, error) }
        return file.metadata
    }
}

public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case file(SafeTensorsError)
    case doesNotFit(path: String, ModuleError)

    public var description: String {
        switch self {
        case let .file(error): error.description
        case let .doesNotFit(path, error): "checkpoint \(path) does not fit: \(error)"
        }
    }
}
