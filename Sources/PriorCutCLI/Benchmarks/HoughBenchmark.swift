import ArgumentParser
import Descriptors
import Imaging

extension Benchmarks {
    /// The circle Hough transform of an edge image plus the 10 strongest peaks at least 5 px apart.
    static let hough = Benchmark(
        name: "hough",
        summary: "circle Hough transform + 10 strongest peaks ≥ 5 px apart (--image EDGES, --radii LOW:HIGH inclusive)"
    ) { options in
        let edges = try ImageFile.readImage(try options.required(options.image, "--image", for: "hough"))
        let radii = try parseRadii(try options.required(options.radii, "--radii", for: "hough"))
        final class Result: @unchecked Sendable { var peaks: [CirclePeak] = [] } // written by the timed body only
        let result = Result()
        return PreparedBenchmark(run: {
            let transform = try CircleHoughTransform(edges: edges, radii: radii)
            result.peaks = try transform.peaks(HoughPeakOptions(minRowDistance: 5, minColDistance: 5, totalPeaks: 10))
        }, details: {
            ["radii": radii.count, "peaks": result.peaks.map { [$0.row, $0.col, $0.radius, $0.votes] },
             "best_value": result.peaks.first?.value ?? 0]
        })
    }

    /// `LOW:HIGH` (inclusive) or a single radius.
    static func parseRadii(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), let low = parts.first ?? nil, let high = parts.last ?? nil,
              low >= 1, low <= high else {
            throw ValidationError("--radii must be LOW:HIGH with 1 ≤ LOW ≤ HIGH (inclusive), got '\(text)'")
        }
        return Array(low...high)
    }
}
