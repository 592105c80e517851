import CLAPACKE
import Tensors

/// The leading principal components of D-channel feature vectors (paper Fig. 5 shows learned pixel features as
/// their first three components in RGB).
///
/// The covariance (divided by N − 1, as numpy's `np.cov`) is accumulated in `Double` and decomposed with LAPACK's
/// symmetric divide-and-conquer eigensolver (`dsyevd`). An eigenvector's sign is arbitrary; it is fixed so that its
/// largest-magnitude entry is positive, which makes colours reproducible from run to run.
public struct PrincipalComponents: Sendable, Equatable {
    /// The per-channel mean of the samples (D values).
    public let mean: [Double]
    /// The variance along each kept component, largest first (the covariance eigenvalues, clipped at 0).
    public let variances: [Double]
    /// The kept components, largest variance first; each a unit vector of D entries.
    public let components: [[Double]]

    public var dimension: Int { mean.count }

    /// Components of `count` samples of `dimension` channels, where `value(sample, channel)` reads one feature.
    /// Keeps `min(maximumComponents, dimension)` components.
    init(count: Int, dimension: Int, maximumComponents: Int, shape: [Int],
         value: (Int, Int) -> Float) throws(ReportError) {
        guard count > 0, dimension > 0 else {
            throw .invalidFeatures(shape: shape, reason: "no samples or no channels")
        }
        var mean = [Double](repeating: 0, count: dimension)
        for n in 0..<count {
            for d in 0..<dimension { mean[d] += Double(value(n, d)) }
        }
        for d in 0..<dimension { mean[d] /= Double(count) }
        guard mean.allSatisfy(\.isFinite) else {
            throw .invalidFeatures(shape: shape, reason: "features contain NaN or infinite values")
        }
        // Upper triangle of the covariance, row-major D×D, one pass over the samples.
        var covariance = [Double](repeating: 0, count: dimension * dimension)
        var centred = [Double](repeating: 0, count: dimension)
        covariance.withUnsafeMutableBufferPointer { cov in
            centred.withUnsafeMutableBufferPointer { x in
                for n in 0..<count {
                    for d in 0..<dimension { x[d] = Double(value(n, d)) - mean[d] }
                    for i in 0..<dimension {
                        let xi = x[i]
                        for j in i..<dimension { cov[i * dimension + j] += xi * x[j] }
                    }
                }
            }
        }
        let normaliser = 1 / Double(max(count - 1, 1))
        for i in 0..<covariance.count { covariance[i] *= normaliser }

        var eigenvalues = [Double](repeating: 0, count: dimension)
        let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                                  Int32(dimension), &covariance, Int32(dimension), &eigenvalues)
        guard info == 0 else { throw .lapackFailed(routine: "LAPACKE_dsyevd", info: Int(info)) }

        // Eigenvalues ascend; eigenvector k is column k of the row-major result.
        let kept = min(maximumComponents, dimension)
        var components: [[Double]] = []
        var variances: [Double] = []
        for k in stride(from: dimension - 1, through: dimension - kept, by: -1) {
            var vector = (0..<dimension).map { covariance[$0 * dimension + k] }
            let largest = vector.indices.max { abs(vector[$0]) < abs(vector[$1]) } ?? 0
            if vector[largest] < 0 { vector = vector.map { -$0 } }
            components.append(vector)
            variances.append(max(0, eigenvalues[k]))
        }
        self.mean = mean
        self.variances = variances
        self.components = components
    }

    /// Components of an [N, D] matrix: N samples (rows) of D channels.
    public init(samples: Tensor, maximumComponents: Int = 3) throws(ReportError) {
        guard samples.rank == 2 else {
            throw .invalidFeatures(shape: samples.shape, reason: "expected an [N, D] matrix")
        }
        let d = samples.shape[1]
        let values = samples.values
        try self.init(count: samples.shape[0], dimension: d, maximumComponents: maximumComponents,
                      shape: samples.shape) { values[$0 * d + $1] }
    }

    /// Components of per-pixel features given as a [D, H, W] tensor (channel planes, as networks produce them).
    public init(pixelFeatures: Tensor, maximumComponents: Int = 3) throws(ReportError) {
        guard pixelFeatures.rank == 3 else {
            throw .invalidFeatures(shape: pixelFeatures.shape, reason: "expected a [D, H, W] tensor")
        }
        let pixels = pixelFeatures.shape[1] * pixelFeatures.shape[2]
        let values = pixelFeatures.values
        try self.init(count: pixels, dimension: pixelFeatures.shape[0], maximumComponents: maximumComponents,
                      shape: pixelFeatures.shape) { values[$1 * pixels + $0] }
    }

    /// The coordinates of one sample (D channels) along each kept component.
    public func project(_ sample: [Float]) throws(ReportError) -> [Double] {
        guard sample.count == dimension else {
            throw .invalidFeatures(shape: [sample.count], reason: "a sample needs \(dimension) channels")
        }
        return components.map { component in
            var sum = 0.0
            for d in 0..<dimension { sum += (Double(sample[d]) - mean[d]) * component[d] }
            return sum
        }
    }
}
