#if canImport(Glibc)
import Glibc
#endif

/// Makes glibc's allocator keep freed memory for reuse.
///
/// Training allocates and frees tensors of several megabytes per operation (the `[2E, width]` message rows). With
/// glibc's defaults such blocks are mapped fresh, or the heap top is handed back to the system once they are freed,
/// so nearly every allocation faults in new pages that the kernel must zero: about 20 000 page faults (80 MB) per
/// update of the `train-step` benchmark, a tenth of its time. Blocks up to 32 MB (glibc's largest threshold) now
/// come from the heap, which gives memory back only beyond 512 MB of free space at its top.
enum AllocatorTuning {
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // `mallopt` and its parameters live in <malloc.h>, which the Glibc module does not import; the parameter
        // numbers are glibc's ABI (M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 32 << 20)
        _ = mallopt(-1, 512 << 20)
        #endif
    }
}
