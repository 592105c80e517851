import Descriptors
import Foundation
import Imaging
import TestSupport
import Testing

@Suite("circle Hough fixtures (scikit-image 0.26)")
struct HoughFixtureTests {
    static func radii(_ name: String) -> [Int] { name == "small" ? Array(8...12) : Array(8...20) }

    static func transform(_ name: String) throws -> CircleHoughTransform {
        let edges = try ImageFile.readImage(Fixtures.fixture("hough/\(name)_edges.tif"))
        return try CircleHoughTransform(edges: edges, radii: radii(name))
    }

    @Test func bresenhamOffsetsMatchSkimageIncludingDuplicates() throws {
        let rows = try Fixtures.csv(Fixtures.fixture("hough/circle_offsets.csv"))
        for radius in 8...20 {
            let expected = rows.filter { $0["radius"] == "\(radius)" }
                .map { PixelPoint(row: Int($0["drow"] ?? "") ?? .min, col: Int($0["dcol"] ?? "") ?? .min) }
            #expect(CirclePerimeter.bresenhamOffsets(radius: radius) == expected, "radius \(radius)")
        }
        #expect(CirclePerimeter.bresenhamOffsets(radius: 8).count == 48)
    }

    @Test func smallVotesAndAccumulatorMatchExactly() throws {
        let hough = try Self.transform("small")
        let votes = try ImageFile.read(Fixtures.fixture("hough/small_votes.tif"))
        guard case let .uint16(expectedVotes) = votes.samples else {
            Issue.record("small_votes.tif should hold uint16 samples")
            return
        }
        #expect(votes.pages == 5)
        #expect(hough.votes.map { Int($0) } == expectedVotes.map { Int($0) })
        let accumulator = try ImageFile.read(Fixtures.fixture("hough/small_accumulator.tif"))
        for page in 0..<5 {
            let expected = try accumulator.plane(page: page).values
            let ours = hough.accumulator(radiusIndex: page)
            #expect(zip(ours, expected).allSatisfy { abs($0 - Double($1)) <= 1e-6 * max(abs(Double($1)), 1e-30) },
                    "radius \(8 + page)")
        }
    }

    static func expectedPeaks(_ file: String) throws -> [CirclePeak] {
        try Fixtures.csv(Fixtures.fixture("hough/\(file)")).map { row in
            func int(_ key: String) -> Int { Int(row[key] ?? "") ?? .min }
            return CirclePeak(value: Double(row["accum"] ?? "") ?? .nan, row: int("center_row"),
                              col: int("center_col"), radius: int("radius"), votes: int("votes"))
        }
    }

    /// Same peaks (exact positions, radii, votes and float64 values); the order may differ only between exactly
    /// equal values.
    static func expectSamePeaks(_ ours: [CirclePeak], _ expected: [CirclePeak], _ label: String) {
        #expect(ours.count == expected.count, "\(label): \(ours.count) peaks vs \(expected.count)")
        #expect(ours.map(\.value) == expected.map(\.value), "\(label): value sequence")
        let key = { (p: CirclePeak) in "\(p.value) \(p.radius) \(p.row) \(p.col) \(p.votes)" }
        #expect(ours.map(key).sorted() == expected.map(key).sorted(), "\(label): peak set")
    }

    @Test(arguments: ["clean", "partial", "overlap", "noisy", "small"])
    func peaksMatchSkimage(_ name: String) throws {
        let hough = try Self.transform(name)
        Self.expectSamePeaks(try hough.peaks(HoughPeakOptions(totalPeaks: 10)),
                             try Self.expectedPeaks("\(name)_peaks.csv"), "\(name) top 10")
        Self.expectSamePeaks(try hough.peaks(), try Self.expectedPeaks("\(name)_peaks_all.csv"), "\(name) all")
    }
}
