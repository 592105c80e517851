import ArgumentParser

/// A number or an inclusive range on the command line: `12` or `10:20`.
public struct RangeArgument: ExpressibleByArgument, Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let lower = Double(parts[0]), let upper = Double(parts[parts.count - 1]),
              lower.isFinite, upper.isFinite, lower <= upper else { return nil }
        self.lower = lower
        self.upper = upper
    }

    public static var defaultCompletionKind: CompletionKind { .default }

    public var doubles: ClosedRange<Double> { lower...upper }

    /// The range as integers, or nil when an end is not a whole number.
    public var integers: ClosedRange<Int>? {
        guard lower.rounded() == lower, upper.rounded() == upper, abs(lower) < 1e15, abs(upper) < 1e15 else { return nil }
        return Int(lower)...Int(upper)
    }
}
