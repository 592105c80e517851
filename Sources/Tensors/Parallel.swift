import Dispatch
import Foundation

/// Runs `body` over `0..<count` split into contiguous chunks on all cores, or inline when the work is small.
///
/// This is the engine's only use of threads outside OpenBLAS. It is never called around a BLAS call (the two kinds
/// of parallelism would fight for the two cores).
func parallelChunks(_ count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
    let workers = min(parallelWorkerCount, max(1, count / max(1, minimumChunk)))
    guard workers > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    let chunk = (count + workers - 1) / workers
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendableBody(body: body)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = worker * chunk
            let end = min(count, start + chunk)
            if start < end { shared.body(start..<end) }
        }
    }
}

/// The loop body of `parallelChunks`, called from several threads at once. Sound because every caller's body
/// writes only the part of its output that belongs to its own range.
private struct UncheckedSendableBody: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}

/// The number of workers for non-BLAS loops: the number of active processors.
let parallelWorkerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

/// A raw float buffer shared by the workers of `parallelChunks`, each of which writes a disjoint part.
/// `@unchecked Sendable` is sound only under that discipline, which every use states.
struct SharedFloats: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    init(_ buffer: UnsafeMutableBufferPointer<Float>) { base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 0x10)! }
}

/// Runs `body` over the columns `0..<width` of a `[rows, width]` matrix, split into contiguous ranges on all cores,
/// or inline when the matrix is small. For loops that accumulate down the rows (scatter-adds, column sums): split by
/// columns, every sum keeps its order, so results do not depend on the number of workers. Ranges are whole
/// multiples of 16 columns (64 bytes), so workers share at most one cache line per row.
func parallelColumnBlocks(width: Int, rows: Int, _ body: (Range<Int>) -> Void) {
    let blocks = (width + 15) / 16
    parallelChunks(blocks, minimumChunk: rows * width >= 65_536 ? 1 : Swift.max(blocks, 1)) { range in
        body((range.lowerBound * 16)..<Swift.min(width, range.upperBound * 16))
    }
}
