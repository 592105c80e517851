/// Every benchmark of `priorcut bench`; each is defined in its own file beside this one.
enum Benchmarks {
    static let all: [Benchmark] = [
        conv2dForward,
        conv2dBackward,
        unetBackward,
        mlpBackward,
    ]
}
