import Foundation
import PriorCutCLI
import TestSupport
import Testing

@Suite("priorcut measure")
struct MeasureCommandTests {
    @Test func writesOneRowPerObjectWithSkimageNames() throws {
        let out = Fixtures.temporaryDirectory().appendingPathComponent("props.csv").path
        PriorCutCLI.main(plugins: [], arguments: [
            "measure", "--labels", Fixtures.fixture("regionprops/touching_labels.tif"),
            "--image", Fixtures.fixture("regionprops/touching_intensity.tif"), "--csv", out,
        ])
        let rows = try Fixtures.csv(out)
        let expected = try Fixtures.csv(Fixtures.fixture("regionprops/touching_props.csv"))
        #expect(rows.map { $0["label"] } == expected.map { $0["label"] })
        #expect(rows.map { $0["area"] } == expected.map { $0["area"] })
        for (ours, reference) in zip(rows, expected) {
            let got = Double(ours["intensity_mean"] ?? "") ?? .nan, want = Double(reference["intensity_mean"] ?? "") ?? 0
            #expect(abs(got - want) <= 1e-9 * want)
            #expect(ours["solidity"].flatMap(Double.init) != nil && ours["axis_minor_length"] != nil)
        }
    }
}
