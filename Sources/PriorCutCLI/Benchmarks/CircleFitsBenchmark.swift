import Descriptors
import Imaging

extension Benchmarks {
    /// What a circle rule pays per image (paper A.11): each object's own-outline circle Hough fit.
    static let circleFits = Benchmark(
        name: "circle-fits",
        summary: "ObjectTable + per-object circle Hough fit of every object's outline (--labels, --radii LOW:HIGH)"
    ) { options in
        let labels = try ImageFile.readLabels(try options.required(options.labels, "--labels", for: "circle-fits"))
        let radii = try parseRadii(try options.required(options.radii, "--radii", for: "circle-fits"))
        final class Result: @unchecked Sendable { var fits: [ObjectCircleFit] = [] } // written by the timed body only
        let result = Result()
        return PreparedBenchmark(run: {
            result.fits = try ObjectTable(labels: labels).circleFits(radii: radii)
        }, details: {
            ["objects": result.fits.count,
             "mean_score": result.fits.isEmpty ? 0 : result.fits.map(\.score).reduce(0, +) / Double(result.fits.count)]
        })
    }
}
