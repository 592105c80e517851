import Imaging
import Testing

@Suite("Exact Euclidean distance transform")
struct DistanceTransformTests {
    /// Distance to the nearest `false` pixel by trying them all.
    static func bruteForce(_ mask: Grid<Bool>) -> [Double] {
        let zeros = mask.values.indices.filter { !mask.values[$0] }
        return mask.values.indices.map { i in
            let r = i / mask.cols, c = i % mask.cols
            return zeros.map { z -> Double in
                let dr = Double(r - z / mask.cols), dc = Double(c - z % mask.cols)
                return dr * dr + dc * dc
            }.min() ?? .infinity
        }
    }

    @Test("Equals the brute-force squared distances on random masks of many shapes and densities")
    func matchesBruteForce() throws {
        // A local 64-bit LCG (Knuth's MMIX constants): ImagingTests has no dependency on the Randomness module.
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        for trial in 0..<60 {
            let rows = 1 + Int(next() % 23), cols = 1 + Int(next() % 23)
            let density = [0.02, 0.1, 0.5, 0.9][trial % 4]
            let values = (0..<(rows * cols)).map { _ in Double(next() % 10_000) / 10_000 >= density }
            let mask = try Grid(rows: rows, cols: cols, values: values)
            let squared = DistanceTransform.squaredEuclidean(mask)
            #expect(squared.values == Self.bruteForce(mask), "trial \(trial): \(rows)×\(cols), density \(density)")
        }
    }

    @Test("Matches scipy.ndimage.distance_transform_edt (squared) on hand-checked masks")
    func matchesScipy() throws {
        // One background pixel in a corner: distances grow as sqrt(dr² + dc²).
        var corner = try Grid(rows: 4, cols: 6, values: [Bool](repeating: true, count: 24))
        corner[3, 0] = false
        #expect(DistanceTransform.squaredEuclidean(corner).values == [9, 10, 13, 18, 25, 34,
                                                                       4, 5, 8, 13, 20, 29,
                                                                       1, 2, 5, 10, 17, 26,
                                                                       0, 1, 4, 9, 16, 25])
        // Three background pixels; the nearest changes across the image.
        var three = try Grid(rows: 6, cols: 7, values: [Bool](repeating: true, count: 42))
        three[0, 6] = false
        three[5, 0] = false
        three[2, 3] = false
        #expect(DistanceTransform.squaredEuclidean(three).values == [13, 8, 5, 4, 4, 1, 0,
                                                                      10, 5, 2, 1, 2, 2, 1,
                                                                      9, 4, 1, 0, 1, 4, 4,
                                                                      4, 5, 2, 1, 2, 5, 9,
                                                                      1, 2, 5, 4, 5, 8, 13,
                                                                      0, 1, 4, 9, 10, 13, 18])
        // A rectangle with a hole: scipy gives 1 everywhere inside (the Float result is the square root).
        var rectangle = try Grid(rows: 5, cols: 7, values: [Bool](repeating: false, count: 35))
        for r in 1...3 { for c in 1...5 { rectangle[r, c] = true } }
        rectangle[2, 3] = false
        let distance = DistanceTransform.euclidean(rectangle)
        #expect(distance.values == rectangle.values.map { $0 ? 1 : 0 })
        #expect(DistanceTransform.euclidean(corner)[0, 5] == Float(34.0.squareRoot()))
    }

    @Test("Degenerate masks: empty, 1×1, no background, no foreground")
    func degenerate() throws {
        let empty = try Grid<Bool>(rows: 0, cols: 3, values: [])
        #expect(DistanceTransform.euclidean(empty).shape == Shape2D(rows: 0, cols: 3))
        #expect(DistanceTransform.euclidean(try Grid(rows: 1, cols: 1, values: [false])).values == [0])
        #expect(DistanceTransform.euclidean(try Grid(rows: 1, cols: 1, values: [true])).values == [.infinity])
        // No background pixel: no distance exists anywhere.
        let full = Grid(rows: 3, cols: 4, repeating: true)
        #expect(DistanceTransform.squaredEuclidean(full).values.allSatisfy { $0 == .infinity })
        let none = Grid(rows: 3, cols: 4, repeating: false)
        #expect(DistanceTransform.squaredEuclidean(none).values.allSatisfy { $0 == 0 })
    }
}
