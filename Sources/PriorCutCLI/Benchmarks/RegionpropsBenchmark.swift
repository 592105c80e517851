import Descriptors
import Imaging

extension Benchmarks {
    /// The ten properties the nucleus rules read (paper A.12) for every object, from the label image up.
    static let regionprops = Benchmark(
        name: "regionprops",
        summary: "ObjectTable + area, eccentricity, solidity, extent, perimeter, minor axis, orientation, "
            + "intensity mean/max/min of every object (--labels, --image)"
    ) { options in
        let labels = try ImageFile.readLabels(try options.required(options.labels, "--labels", for: "regionprops"))
        let image = try ImageFile.read(try options.required(options.image, "--image", for: "regionprops")).plane()
        final class Result: @unchecked Sendable { var objects = 0, checksum = 0.0 } // written by the timed body only
        let result = Result()
        return PreparedBenchmark(run: {
            let table = try ObjectTable(labels: labels, intensity: image)
            var checksum = 0.0
            for object in table {
                let intensity = object.intensity
                checksum += Double(object.area) + object.eccentricity + object.solidity + object.extent
                    + object.perimeter + object.axisMinorLength + object.orientation
                    + (intensity?.mean ?? 0) + (intensity?.max ?? 0) + (intensity?.min ?? 0)
            }
            result.objects = table.count
            result.checksum = checksum
        }, details: { ["objects": result.objects, "checksum": result.checksum] })
    }
}
