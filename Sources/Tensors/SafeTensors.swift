import Foundation

/// The safetensors file format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each
/// name to `{dtype, shape, data_offsets}` (plus optional string `__metadata__`), then the raw little-endian data.
/// We read F32, F64, I64 and I32 tensors and write F32.
public struct SafeTensorsFile {
    /// One stored tensor's description.
    public struct Entry: Sendable {
        public let dtype: String
        public let shape: [Int]
        let byteRange: Range<Int>
    }

    public let entries: [String: Entry]
    public let metadata: [String: String]
    private let payload: Data
    private let path: String

    /// Reads and validates a whole file.
    public init(contentsOf url: URL) throws(SafeTensorsError) {
        path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: url.path, reason: error.localizedDescription) }
        guard data.count >= 8 else { throw .malformed(path: url.path, reason: "file shorter than its 8-byte header length") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw .malformed(path: url.path, reason: "header length \(headerLength) exceeds the file size \(data.count)")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<headerEnd)) as? [String: Any] else {
            throw .malformed(path: url.path, reason: "header is not a JSON object")
        }
        payload = data.subdata(in: headerEnd..<data.count)
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                metadata = (value as? [String: String]) ?? [:]
                continue
            }
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2,
                  offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= payload.count else {
                throw .malformed(path: url.path, reason: "bad header entry for '\(name)'")
            }
            guard let size = SafeTensorsFile.elementSize(dtype) else { throw .unsupportedType(path: url.path, name: name, dtype: dtype) }
            guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) * size == offsets[1] - offsets[0] else {
                throw .malformed(path: url.path, reason: "'\(name)' has shape \(shape) but \(offsets[1] - offsets[0]) bytes")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
        }
        self.entries = entries
        self.metadata = metadata
    }

    public var names: [String] { entries.keys.sorted() }

    /// A floating-point tensor (F32 or F64, converted to Float).
    public func tensor(_ name: String) throws(SafeTensorsError) -> Tensor {
        let entry = try self.entry(name)
        let bytes = payload.subdata(in: entry.byteRange)
        let values: [Float]
        switch entry.dtype {
        case "F32": values = bytes.withUnsafeBytes { raw in (0..<(bytes.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) } }
        case "F64": values = bytes.withUnsafeBytes { raw in (0..<(bytes.count / 8)).map { Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)))) } }
        default: throw .wrongType(path: path, name: name, dtype: entry.dtype, expected: "F32 or F64")
        }
        return Tensor(shape: entry.shape, values: values)
    }

    /// An integer tensor (I64 or I32) as a flat array, e.g. an index list.
    public func integers(_ name: String) throws(SafeTensorsError) -> [Int] {
        let entry = try self.entry(name)
        let bytes = payload.subdata(in: entry.byteRange)
        switch entry.dtype {
        case "I64": return bytes.withUnsafeBytes { raw in (0..<(bytes.count / 8)).map { Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self))) } }
        case "I32": return bytes.withUnsafeBytes { raw in (0..<(bytes.count / 4)).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self))) } }
        default: throw .wrongType(path: path, name: name, dtype: entry.dtype, expected: "I64 or I32")
        }
    }

    private func entry(_ name: String) throws(SafeTensorsError) -> Entry {
        guard let entry = entries[name] else { throw .missingTensor(path: path, name: name) }
        return entry
    }

    private static func elementSize(_ dtype: String) -> Int? {
        ["F32": 4, "F64": 8, "I64": 8, "I32": 4, "F16": 2, "BF16": 2, "I8": 1, "U8": 1, "BOOL": 1][dtype]
    }

    /// Writes F32 tensors atomically: the bytes go to a temporary file beside `url`, which is then renamed over it,
    /// so a crash never leaves a half-written checkpoint. Names are stored in sorted order, as Python's writer does.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws(SafeTensorsError) {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + 4 * tensor.count]] as [String: Any]
            offset += 4 * tensor.count
        }
        var headerBytes: Data
        do { headerBytes = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]) } catch {
            throw .unwritable(path: url.path, reason: "header encoding failed: \(error.localizedDescription)")
        }
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) } // pad with spaces to 8-byte alignment
        var file = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(headerBytes)
        for name in names {
            guard let tensor = tensors[name] else { continue } // `names` are the dictionary's own keys
            tensor.values.withUnsafeBufferPointer { values in
                #if _endian(little)
                file.append(values) // the in-memory bytes are already little-endian: one copy
                #else
                for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { file.append(contentsOf: $0) } }
                #endif
            }
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try file.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw SafeTensorsError.unwritable(path: url.path, reason: reason)
            }
        } catch let error as SafeTensorsError {
            throw error
        } catch {
            throw .unwritable(path: url.path, reason: error.localizedDescription)
        }
    }
}

public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case unsupportedType(path: String, name: String, dtype: String)
    case wrongType(path: String, name: String, dtype: String, expected: String)
    case missingTensor(path: String, name: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read safetensors file \(path): \(reason)"
        case let .unwritable(path, reason): "cannot write safetensors file \(path): \(reason)"
        case let .malformed(path, reason): "malformed safetensors file \(path): \(reason)"
        case let .unsupportedType(path, name, dtype): "\(path): tensor '\(name)' has unsupported dtype \(dtype)"
        case let .wrongType(path, name, dtype, expected): "\(path): tensor '\(name)' is \(dtype), expected \(expected)"
        case let .missingTensor(path, name): "\(path) has no tensor named '\(name)'"
        }
    }
}
