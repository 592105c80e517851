import Experiments
import Foundation
import Imaging
import Randomness
import Testing

@Suite struct SyntheticDataTests {
    static let recipes: [SyntheticRecipe] = [.circles(SyntheticCircles()), .embryo(SyntheticEmbryo())]

    @Test(arguments: recipes)
    func sameSeedGivesIdenticalDataAndOtherSeedsDiffer(recipe: SyntheticRecipe) throws {
        let a = try recipe.sample(index: 3, seed: 42, size: 128)
        let b = try recipe.sample(index: 3, seed: 42, size: 128)
        #expect(a.image.values.map(\.bitPattern) == b.image.values.map(\.bitPattern))
        #expect(a.mask == b.mask)
        let otherSeed = try recipe.sample(index: 3, seed: 43, size: 128)
        let otherIndex = try recipe.sample(index: 4, seed: 42, size: 128)
        #expect(otherSeed.image != a.image && otherSeed.mask != a.mask)
        #expect(otherIndex.image != a.image && otherIndex.mask != a.mask)
        #expect(a.image.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func generatorStreamsAreReproducibleAndDistinct() {
        var a = SplitMix64(seed: 7, stream: 0), b = SplitMix64(seed: 7, stream: 0), c = SplitMix64(seed: 7, stream: 1)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
        // Reference values of SplitMix64 from seed 0 (Vigna's splitmix64.c).
        var plain = SplitMix64(seed: 0)
        #expect(plain.next() == 0xE220_A839_7B1D_CDAF)
        #expect(plain.next() == 0x6E78_9E6A_A1B9_65F4)
        var draws = SplitMix64(seed: 1)
        for _ in 0..<1000 {
            #expect((3...9).contains(draws.nextInt(in: 3...9)))
            let u = draws.nextUnitDouble()
            #expect(u >= 0 && u < 1)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func circlesMatchTheirRecipe(seed: UInt64) throws {
        var recipe = SyntheticCircles()
        recipe.radius = 8...14
        recipe.circles = 6...12
        var generator = SplitMix64(seed: seed)
        let sample = try recipe.generate(size: 160, using: &generator)
        #expect(recipe.circles.contains(sample.circles.count))
        #expect(Set(sample.mask.values).subtracting([0]) == Set(sample.circles.map(\.label)))
        var area = [UInt32: Int](), inside = 0.0, outside = 0.0, insideCount = 0
        for r in 0..<sample.mask.rows {
            for c in 0..<sample.mask.cols {
                let label = sample.mask[r, c]
                if label == 0 { outside += Double(sample.image[r, c]); continue }
                inside += Double(sample.image[r, c])
                insideCount += 1
                area[label, default: 0] += 1
                let circle = sample.circles[Int(label) - 1]
                let distance = ((Double(r) - circle.row) * (Double(r) - circle.row) + (Double(c) - circle.col) * (Double(c) - circle.col)).squareRoot()
                #expect(distance <= circle.radius, "pixel (\(r), \(c)) outside circle \(label)")
            }
        }
        for circle in sample.circles {
            #expect(recipe.radius.contains(circle.radius))
            let full = Double.pi * circle.radius * circle.radius
            let pixels = Double(area[circle.label] ?? 0)
            #expect(pixels <= full + 2 * Double.pi * circle.radius && pixels >= 0.5 * full, "circle \(circle.label): \(pixels) px for r = \(circle.radius)")
        }
        // Circles are brighter than the background on average (the background holds bright clutter too).
        #expect(inside / Double(insideCount) > outside / Double(sample.mask.count - insideCount) + 0.2)
    }

    /// Second moments of every cell: the major axis points along the ray from the embryo centre.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8, 9, 10])
    func embryoCellsAreRadiallyElongated(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let sample = try SyntheticEmbryo().generate(size: 192, using: &generator)
        #expect(SyntheticEmbryo().cells.contains(sample.cellCount))
        #expect(Set(sample.mask.values) == Set((0...UInt32(sample.cellCount)).map { $0 }))
        var n = [Double](repeating: 0, count: sample.cellCount + 1)
        var sr = n, sc = n, srr = n, scc = n, src = n
        for r in 0..<sample.mask.rows {
            for c in 0..<sample.mask.cols {
                let k = Int(sample.mask[r, c])
                guard k > 0 else { continue }
                let (y, x) = (Double(r), Double(c))
                n[k] += 1; sr[k] += y; sc[k] += x; srr[k] += y * y; scc[k] += x * x; src[k] += y * x
            }
        }
        for k in 1...sample.cellCount {
            let (mr, mc) = (sr[k] / n[k], sc[k] / n[k])
            let vrr = srr[k] / n[k] - mr * mr, vcc = scc[k] / n[k] - mc * mc, vrc = src[k] / n[k] - mr * mc
            let half = ((vrr - vcc) * (vrr - vcc) / 4 + vrc * vrc).squareRoot()
            let (major, minor) = ((vrr + vcc) / 2 + half, (vrr + vcc) / 2 - half)
            let axisAngle = 0.5 * atan2(2 * vrc, vrr - vcc) // from +row towards +col
            let radialAngle = atan2(mc - sample.centerCol, mr - sample.centerRow)
            let alignment = abs(cos(axisAngle - radialAngle))
            #expect(major > 1.5 * minor, "cell \(k): eigenvalues \(major), \(minor)")
            #expect(alignment > cos(20 * Double.pi / 180), "cell \(k): major axis \(axisAngle), radial \(radialAngle)")
        }
    }

    @Test func embryoMembranesAreBrightAndSurroundingsDark() throws {
        var generator = SplitMix64(seed: 9)
        var recipe = SyntheticEmbryo()
        recipe.noise = 0
        let sample = try recipe.generate(size: 160, using: &generator)
        let m = sample.mask
        var membrane = (sum: 0.0, n: 0.0), body = (sum: 0.0, n: 0.0), background = (sum: 0.0, n: 0.0)
        for r in 2..<(m.rows - 2) {
            for c in 2..<(m.cols - 2) {
                let value = Double(sample.image[r, c])
                let neighbours = [m[r - 1, c], m[r + 1, c], m[r, c - 1], m[r, c + 1]]
                let far = [m[r - 2, c], m[r + 2, c], m[r, c - 2], m[r, c + 2]] + neighbours
                if m[r, c] != 0, neighbours.contains(where: { $0 != m[r, c] }) {
                    membrane.sum += value; membrane.n += 1
                } else if m[r, c] != 0, far.allSatisfy({ $0 == m[r, c] }) {
                    body.sum += value; body.n += 1
                } else if m[r, c] == 0, far.allSatisfy({ $0 == 0 }) {
                    background.sum += value; background.n += 1
                }
            }
        }
        #expect(membrane.sum / membrane.n > body.sum / body.n + 0.15)
        #expect(body.sum / body.n > background.sum / background.n + 0.1)
    }

    @Test func impossibleRequestsAreTypedErrors() throws {
        var crowded = SyntheticCircles()
        crowded.circles = 40...40
        var generator = SplitMix64(seed: 1)
        let error = #expect(throws: SyntheticDataError.self) { try crowded.generate(size: 64, using: &generator) }
        if case .cannotPlace(objects: 40, size: 64, reason: _)? = error {} else { Issue.record("unexpected \(String(describing: error))") }
        var huge = SyntheticCircles()
        huge.radius = 10...40
        #expect(throws: SyntheticDataError.self) { try huge.validate(size: 64) }
        var noisy = SyntheticEmbryo()
        noisy.noise = -1
        #expect(throws: SyntheticDataError.self) { try noisy.validate(size: 64) }
        #expect(throws: SyntheticDataError.self) { try SyntheticEmbryo().validate(size: 8) }
    }
}
