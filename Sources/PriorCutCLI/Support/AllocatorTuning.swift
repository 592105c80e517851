import CAllocator

/// Makes glibc's allocator keep freed memory for reuse.
///
/// Training allocates and frees tensors of several megabytes per operation (the `[2E, width]` message rows). With
/// glibc's defaults such blocks are mapped fresh, or the heap top is handed back to the system once they are freed,
/// so nearly every allocation faults in new pages that the kernel must zero: about 20 000 page faults (80 MB) per
/// update of the `train-step` benchmark, a tenth of its time. Blocks up to 32 MB (glibc's largest threshold) now
/// come from the heap, which gives memory back only beyond 512 MB of free space at its top. (PyTorch's CPU
/// allocator solves the same problem with its own cache.)
enum AllocatorTuning {
    static func keepFreedMemory() {
        _ = priorcut_keep_freed_memory(32 << 20, 512 << 20)
    }
}
