import Foundation

/// Reads a multicut problem from JSON `{"num_nodes": n, "edges": [[u, v], …], "costs": [c, …]}` — the format of the
/// shared `multicut/` fixtures. Edges must be in the project's order (`u < v`, sorted lexicographically, no
/// duplicates); other keys are ignored. Every problem is a typed error that names the file.
public enum MulticutFile {
    public static func read(_ path: String) throws(GraphError) -> Multicut {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .unreadableFile(path: path, reason: exists ? "cannot open it (a directory, or no permission)" : "no such file")
        }
        let file: Contents
        do {
            file = try JSONDecoder().decode(Contents.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw .invalidFile(path: path, reason: "not valid JSON (\(context.debugDescription))")
        } catch let error as DecodingError {
            throw .invalidFile(path: path, reason: Self.explain(error))
        } catch {
            throw .invalidFile(path: path, reason: "\(error)")
        }
        var edges: [Edge] = []
        edges.reserveCapacity(file.edges.count)
        for (index, pair) in file.edges.enumerated() {
            guard pair.count == 2 else { throw .invalidFile(path: path, reason: "edges[\(index)] is not a pair [u, v]") }
            guard let u = integer(pair[0]), let v = integer(pair[1]) else {
                throw .invalidFile(path: path, reason: "edges[\(index)] = \(pair) is not a pair of integers")
            }
            edges.append(Edge(u, v))
        }
        guard let nodeCount = integer(file.num_nodes) else {
            throw .invalidFile(path: path, reason: "num_nodes = \(file.num_nodes) is not an integer")
        }
        let costs = file.costs
        do {
            return try Multicut(graph: Graph(nodeCount: nodeCount, edges: edges), costs: costs)
        } catch {
            throw .invalidFile(path: path, reason: error.description)
        }
    }

    private struct Contents: Decodable {
        // Numbers as Double: Foundation reports a non-integer where an Int is expected as "not valid JSON".
        let num_nodes: Double
        let edges: [[Double]]
        let costs: [Double]
    }

    /// An exact integer from a JSON number.
    private static func integer(_ value: Double) -> Int? {
        value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil
    }

    /// "costs[3]: expected a number" style messages from a decoding error.
    private static func explain(_ error: DecodingError) -> String {
        func location(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, context): return "missing key \"\(location(context.codingPath + [key]))\""
        case let .typeMismatch(type, context): return "\(location(context.codingPath)): expected \(type == Int.self ? "an integer" : type == Double.self ? "a number" : "\(type)")"
        case let .valueNotFound(type, context): return "\(location(context.codingPath)): expected \(type), found null"
        case let .dataCorrupted(context): return "\(location(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
