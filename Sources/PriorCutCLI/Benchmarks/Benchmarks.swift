/// Every benchmark of `priorcut bench`; each is defined in its own file beside this one.
enum Benchmarks {
    static let all: [Benchmark] = [
        .multicut,
        .subgraphs,
        .rag,
        metrics,
        .gaussian,
        .sobel,
        .label,
        .watershed,
        .mutexWatershed,
        regionprops,
        hough,
        circleFits,
        conv2dForward,
        conv2dBackward,
        unetBackward,
        mlpBackward,
        .reward,
        trainStep,
        pretrainStep,
        pcaImage,
    ]
}
