import Descriptors
import Foundation
import Imaging
import Testing

/// Pixels whose centre lies within `radius` of `(row, col)`.
func disk(_ row: Int, _ col: Int, _ radius: Double, _ label: UInt32) -> [(Int, Int, UInt32)] {
    let reach = Int(radius)
    var pixels: [(Int, Int, UInt32)] = []
    for r in (row - reach)...(row + reach) {
        for c in (col - reach)...(col + reach) where Double((r - row) * (r - row) + (c - col) * (c - col)) <= radius * radius {
            pixels.append((r, c, label))
        }
    }
    return pixels
}

@Suite("circle Hough: peaks options, object circle fits, errors")
struct CircleFitTests {
    @Test func disksScoreHighAtTheirCentreAndSquaresLower() throws {
        let labels = labelImage(80, 120, disk(30, 30, 12.4, 1) + disk(40, 75, 9.4, 2) + rectangle(60, 95, 14, 14, 3))
        let table = try ObjectTable(labels: labels)
        let fits = try table.circleFits(radii: Array(6...16))
        #expect(fits.map(\.label) == [1, 2, 3])
        #expect(fits[0].row == 30 && fits[0].col == 30 && abs(fits[0].radius - 12) <= 1 && fits[0].score > 0.85)
        #expect(fits[1].row == 40 && fits[1].col == 75 && abs(fits[1].radius - 9) <= 1 && fits[1].score > 0.85)
        #expect(fits[2].score < fits[0].score - 0.2 && fits[2].score < fits[1].score - 0.2)
        #expect(fits.allSatisfy { $0.score <= 1 && Double($0.votes) > 0 })
        // The fit equals the global transform of that object's outline alone.
        let ownOutline = labels.map { $0 == 1 ? UInt32(1) : 0 }
        let hough = try CircleHoughTransform(edges: Outline.edgeImage(labels: ownOutline), radii: Array(6...16))
        #expect(hough.votes.reduce(0) { $0 + Int($1) } > 0)
        #expect(table.outline(0).count == Outline.edgeImage(labels: ownOutline).values.reduce(0) { $0 + Int($1) })
        let best = try #require(try hough.peaks(HoughPeakOptions(totalPeaks: 1)).first)
        #expect(best.votes == fits[0].votes && best.radius == fits[0].radius && best.row == fits[0].row)
        #expect(fits[0].score == Double(best.votes) / Double(CirclePerimeter.bresenhamOffsets(radius: best.radius).count))
    }

    @Test func neighboursDoNotLendVotes() throws {
        // Two touching disks: each object's own fit is unaffected by the other's outline.
        let alone = try ObjectTable(labels: labelImage(60, 80, disk(30, 25, 10.4, 1))).circleFits(radii: [9, 10, 11])[0]
        let pair = try ObjectTable(labels: labelImage(60, 80, disk(30, 25, 10.4, 1) + disk(30, 46, 10.4, 2)))
            .circleFits(radii: [9, 10, 11])[0]
        #expect(pair.row == alone.row && pair.col == alone.col && pair.radius == alone.radius)
        #expect(pair.score <= alone.score)
    }

    @Test func discIoUTellsOneDiskFromTwoMerged() throws {
        let one = try ObjectTable(labels: labelImage(60, 80, disk(30, 25, 10.4, 1))).circleFits(radii: [9, 10, 11])[0]
        let pair = try ObjectTable(labels: labelImage(60, 80, disk(30, 25, 10.4, 1) + disk(30, 46, 10.4, 1)))
            .circleFits(radii: [9, 10, 11])[0]
        #expect(one.discIoU > 0.85 && one.discIoU <= 1)
        // Two equal disks as one object: the best disc covers one of them, IoU ≈ 1/2.
        #expect(abs(pair.discIoU - 0.5) < 0.08)
        // The outline score alone cannot tell: the pair's outline covers most of either perimeter.
        #expect(pair.score > 0.6)
        // An object covering the image has no outline and no fit.
        #expect(try ObjectTable(labels: LabelImage(rows: 5, cols: 5, repeating: 1)).circleFits(radii: [2])[0].discIoU == 0)
    }

    @Test func onlyFlaggedObjectsAreFitted() throws {
        let table = try ObjectTable(labels: labelImage(60, 80, disk(30, 25, 10.4, 1) + disk(30, 46, 10.4, 2)))
        let all = try table.circleFits(radii: [9, 10, 11])
        let some = try table.circleFits(radii: [9, 10, 11], only: [false, true])
        #expect(some[1] == all[1])
        #expect(all[0].score > 0.5 && some[0].score == 0 && some[0].votes == 0 && some[0].label == 1)
        #expect(throws: DescriptorsError.self) { try table.circleFits(radii: [9], only: [true]) }
    }

    @Test func minimumDistancesDropWeakerNearbyPeaks() throws {
        // Two circles of radius 8, centres 4 columns apart, the second one three-quarters drawn.
        var points = CirclePerimeter.bresenhamOffsets(radius: 8).map { PixelPoint(row: 20 + $0.row, col: 20 + $0.col) }
        points += CirclePerimeter.bresenhamOffsets(radius: 8).filter { $0.col >= 0 || $0.row >= 0 }
            .map { PixelPoint(row: 20 + $0.row, col: 24 + $0.col) }
        let hough = try CircleHoughTransform(edgePixels: Array(Set(points)), rows: 40, cols: 50, radii: [8])
        let close = try hough.peaks(HoughPeakOptions(totalPeaks: 2))
        #expect(close.count == 2 && close[0].row == 20 && close[0].col == 20)
        #expect(close.count == 2 && close[1].row == 20 && close[1].col == 24)
        let apart = try hough.peaks(HoughPeakOptions(minRowDistance: 5, minColDistance: 5, totalPeaks: 2))
        #expect(apart.first?.col == 20 && apart.allSatisfy { $0.col == 20 || abs($0.col - 20) > 5 || abs($0.row - 20) > 5 })
        #expect(close[0].votes == 48, "a complete circle gets every one of its 48 votes")
    }

    @Test func invalidInputsAreErrors() throws {
        #expect(throws: DescriptorsError.self) { try CircleHoughTransform(edgePixels: [], rows: 5, cols: 5, radii: []) }
        #expect(throws: DescriptorsError.self) { try CircleHoughTransform(edgePixels: [], rows: 5, cols: 5, radii: [3, 0]) }
        let outside = #expect(throws: DescriptorsError.self) {
            try CircleHoughTransform(edgePixels: [PixelPoint(row: 5, col: 1)], rows: 5, cols: 5, radii: [2])
        }
        #expect(outside?.description.contains("(5, 1)") == true)
        let hough = try CircleHoughTransform(edgePixels: [], rows: 5, cols: 5, radii: [2])
        #expect(try hough.peaks().isEmpty, "no votes, no peaks")
        #expect(throws: DescriptorsError.self) { try hough.peaks(HoughPeakOptions(minRowDistance: -1)) }
        #expect(throws: DescriptorsError.self) { try hough.peaks(HoughPeakOptions(totalPeaks: -2)) }
        let table = try ObjectTable(labels: labelImage(5, 5, [(2, 2, 1)]))
        #expect(throws: DescriptorsError.self) { try table.circleFits(radii: []) }
    }
}
