import Imaging

/// Reads the benchmark's `--image` as intensities.
func benchmarkImage(_ options: BenchmarkOptions, for name: String) throws -> Image {
    try ImageFile.readImage(try options.required(options.image, "--image", for: name))
}
