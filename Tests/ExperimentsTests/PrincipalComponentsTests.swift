import Experiments
import Imaging
import Tensors
import Testing

/// PCA through LAPACKE against numpy (values from scripts/fixtures/pca_reference.py) and on hand-computed cases.
@Suite struct PrincipalComponentsTests {
    // scripts/fixtures/pca_reference.py: 12 samples of 5 channels, numpy eigh of np.cov.
    let samples: [[Float]] = [
        [-1.13970554, -1.56036532, 0.682544887, 1.27129591, 2.8563292],
        [-0.705923378, -2.04979491, 1.31675136, -0.806138515, 4.8195529],
        [-1.32076764, -2.45876956, -1.28034902, 0.542529821, 2.67914534],
        [-4.77988625, -2.90943623, -0.57160902, 0.667168379, 2.41875958],
        [-0.923267007, -2.35810685, -1.95158482, 2.1841476, -1.1601404],
        [-1.74131858, -2.1145947, 1.68634975, -0.979271054, 6.0100069],
        [1.79637539, -2.39036703, 0.545995116, -0.861215591, 3.12071228],
        [6.99292707, -2.57008171, -2.50104928, 0.08917436, -2.25330853],
        [5.15393734, -2.46727753, -1.66390634, -1.02445519, 2.12010169],
        [-0.3566401, -1.82365131, 0.855980217, 0.849339962, 2.082798],
        [5.27160597, -1.1580267, 0.16600363, -0.028669931, 2.27124763],
        [-2.9506669, -1.88810372, 1.8491621, 0.696203232, 4.00427723],
    ]
    let mean: [Double] = [0.441389198, -2.14571463, -0.0721426172, 0.216675748, 2.41412349]
    let eigenvalues: [Double] = [15.6164648, 5.06515907, 0.774325837]
    let eigenvectors: [[Double]] = [
        [-0.881005231, -4.34595219e-05, 0.250762064, 0.0449276085, 0.398659852],
        [-0.41911176, -0.0953731067, -0.400963774, 0.37589902, -0.716363931],
        [0.116520591, 0.442065965, 0.677052532, 0.529722395, -0.228023434],
    ]
    let scores: [[Double]] = [
        [1.80584552, 0.383876924, 1.04331865],
        [2.27206167, -2.19282989, -0.241230409],
        [1.36980408, 1.18548081, -1.04955668],
        [4.49684473, 2.62742298, -1.04658752],
        [-0.605536024, 4.64583267, 0.331846805],
        [3.74374212, -2.81877765, -0.503447119],
        [-0.805472296, -1.70376125, -0.263858975],
        [-8.24744444, 1.56420252, -0.0719630444],
        [-4.72389528, -1.5620896, -1.26116177],
        [0.832129911, 0.406771133, 1.08846068],
        [-4.26375279, -2.20396163, 1.0632944],
        [4.12567279, -0.332167015, 0.910884986],
    ]

    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test func matchesNumpyUpToSign() throws {
        let matrix = Tensor(shape: [samples.count, 5], values: samples.flatMap { $0 })
        let pca = try PrincipalComponents(samples: matrix)
        #expect(pca.components.count == 3)
        for d in 0..<5 { #expect(abs(pca.mean[d] - mean[d]) < 1e-6) }
        for k in 0..<3 {
            #expect(abs(pca.variances[k] - eigenvalues[k]) < 1e-5 * eigenvalues[0])
            #expect(abs(dot(pca.components[k], pca.components[k]) - 1) < 1e-9)
            let alignment = dot(pca.components[k], eigenvectors[k])
            #expect(abs(abs(alignment) - 1) < 1e-6, "component \(k) is not numpy's up to sign")
            let sign: Double = alignment < 0 ? -1 : 1
            for (n, sample) in samples.enumerated() {
                let projected = try pca.project(sample)
                #expect(abs(projected[k] - sign * scores[n][k]) < 1e-5)
            }
        }
    }

    @Test func channelPlanesGiveTheSameComponentsAsRows() throws {
        // The same 12 samples as a [5, 3, 4] tensor of channel planes.
        var planes = [Float](repeating: 0, count: 60)
        for (n, sample) in samples.enumerated() {
            for d in 0..<5 { planes[d * 12 + n] = sample[d] }
        }
        let fromPlanes = try PrincipalComponents(pixelFeatures: Tensor(shape: [5, 3, 4], values: planes))
        let fromRows = try PrincipalComponents(samples: Tensor(shape: [12, 5], values: samples.flatMap { $0 }))
        for k in 0..<3 {
            #expect(abs(fromPlanes.variances[k] - fromRows.variances[k]) < 1e-9)
            #expect(abs(dot(fromPlanes.components[k], fromRows.components[k]) - 1) < 1e-9)
        }
    }

    @Test func twoDimensionalCaseWithKnownEigenvectors() throws {
        // Covariance [[10/3, 2], [2, 10/3]]: eigenvalue 16/3 along (1, 1)/√2 and 4/3 along (1, −1)/√2.
        let points: [Float] = [-2, -2, 2, 2, 1, -1, -1, 1]
        let pca = try PrincipalComponents(samples: Tensor(shape: [4, 2], values: points))
        #expect(pca.components.count == 2)
        #expect(abs(pca.variances[0] - 16.0 / 3) < 1e-12)
        #expect(abs(pca.variances[1] - 4.0 / 3) < 1e-12)
        let r = 1 / 2.0.squareRoot()
        #expect(abs(abs(dot(pca.components[0], [r, r])) - 1) < 1e-12)
        #expect(abs(abs(dot(pca.components[1], [r, -r])) - 1) < 1e-12)
        // Sign convention: the largest-magnitude entry of every component is positive.
        for component in pca.components {
            let largest = component.max { abs($0) < abs($1) } ?? 0
            #expect(largest > 0)
        }
    }

    @Test func colourImageFollowsTheStrongestComponent() throws {
        // Channel 0 varies strongly along the columns, channel 1 weakly along the rows, channel 2 is constant.
        let (rows, cols) = (8, 10)
        var values = [Float](repeating: 0, count: 3 * rows * cols)
        for r in 0..<rows {
            for c in 0..<cols {
                values[r * cols + c] = Float(c) * 10
                values[rows * cols + r * cols + c] = Float(r)
                values[2 * rows * cols + r * cols + c] = 7
            }
        }
        let image = try PrincipalComponentImage.colours(of: Tensor(shape: [3, rows, cols], values: values))
        #expect(image.shape == Shape2D(rows: rows, cols: cols))
        // Red: the column ramp (increasing or decreasing), identical down every column, stretched to [0, 1].
        let firstRow = (0..<cols).map { image[0, $0].x }
        let increasing = firstRow.last ?? 0 > firstRow.first ?? 0
        for c in 1..<cols {
            #expect(increasing ? firstRow[c] >= firstRow[c - 1] : firstRow[c] <= firstRow[c - 1])
            for r in 0..<rows { #expect(abs(image[r, c].x - firstRow[c]) < 1e-6) }
        }
        #expect(firstRow.min() == 0 && firstRow.max() == 1)
        // Green: the row ramp; blue: no third direction of spread, so 0.
        #expect(abs(image[0, 0].y - image[rows - 1, 0].y) == 1)
        #expect(image.values.allSatisfy { $0.z == 0 })
    }

    @Test func degenerateFeaturesGiveDefinedImages() throws {
        // Fewer than three channels: the missing components are black.
        let one = try PrincipalComponentImage.colours(of: Tensor(shape: [1, 2, 3], values: [0, 1, 2, 3, 4, 5]))
        #expect(one.values.allSatisfy { $0.y == 0 && $0.z == 0 && (0...1).contains($0.x) })
        #expect(one.values.map(\.x).max() == 1)
        // Constant features and a single pixel: no spread at all, a black image, no crash.
        let constant = try PrincipalComponentImage.colours(of: Tensor(repeating: 3, shape: [4, 5, 5]))
        #expect(constant.values.allSatisfy { $0 == .zero })
        let single = try PrincipalComponentImage.colours(of: Tensor(shape: [3, 1, 1], values: [1, 2, 3]))
        #expect(single.values == [.zero])
    }

    @Test func badFeaturesAreTypedErrors() {
        #expect(throws: ReportError.self) { try PrincipalComponents(pixelFeatures: Tensor(shape: [2, 2], values: [1, 2, 3, 4])) }
        #expect(throws: ReportError.self) { try PrincipalComponents(pixelFeatures: Tensor.zeros([3, 0, 4])) }
        #expect(throws: ReportError.self) { try PrincipalComponents(samples: Tensor(shape: [2, 2], values: [1, .nan, 3, 4])) }
        #expect(throws: ReportError.self) {
            try PrincipalComponentImage.colours(of: Tensor.zeros([3, 2, 2]), lowerPercentile: 0.9, upperPercentile: 0.1)
        }
        let pca = try? PrincipalComponents(samples: Tensor(shape: [2, 2], values: [1, 2, 3, 4]))
        #expect(throws: ReportError.self) { try pca?.project([1, 2, 3]) }
    }
}
