import Foundation
import Testing

/// `priorcut` re-executes itself once so that OpenBLAS's idle threads sleep at once (`OPENBLAS_THREAD_TIMEOUT=4`),
/// keeping a value the user set; benchmarks report the setting they ran with.
@Suite struct BLASThreadTuningTests {
    static func timeout(_ value: String?) throws -> String? {
        let result = try PriorCutProcess.run(["bench", "mlp-backward", "--repeat", "1", "--json"],
                                             environment: ["OPENBLAS_THREAD_TIMEOUT": value])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        return object["openblas_thread_timeout"] as? String
    }

    @Test func idleThreadsSleepUnlessTheUserChoseOtherwise() throws {
        #expect(try Self.timeout(nil) == "4")
        #expect(try Self.timeout("12") == "12")
    }
}
