import Dispatch
import Foundation

/// Runs `body` over `0..<count` split into contiguous chunks, in parallel.
///
/// A few chunks per core, so that a core that is busy elsewhere (a shared machine) leaves its share to the others.
/// Small inputs run inline: below `minimumPerTask` items per chunk a thread hop costs more than it saves.
func forEachChunk(_ count: Int, minimumPerTask: Int = 32, _ body: @Sendable (Range<Int>) -> Void) {
    let tasks = availableCores == 1 ? 1 : min(4 * availableCores, max(1, count / max(1, minimumPerTask)))
    if tasks <= 1 {
        body(0..<count)
        return
    }
    let chunk = (count + tasks - 1) / tasks
    DispatchQueue.concurrentPerform(iterations: tasks) { task in
        let start = task * chunk
        let end = min(count, start + chunk)
        if start < end { body(start..<end) }
    }
}

private let availableCores = max(1, Foundation.ProcessInfo.processInfo.activeProcessorCount)

/// A raw pointer handed to parallel chunks that write disjoint ranges of one buffer.
/// `@unchecked Sendable`: safe only because every chunk writes its own rows and nobody reads them concurrently.
struct SharedMutablePointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// A read-only raw pointer handed to parallel chunks. `@unchecked Sendable`: the buffer is not written while shared.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
}
