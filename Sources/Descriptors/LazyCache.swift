import Synchronization

/// A thread-safe, compute-once-per-slot cache of per-object values.
///
/// `ObjectTable` is shared between rules that may run concurrently, and a `Sendable` value type cannot fill a lazy
/// field behind a `let`. So the table owns one of these per expensive descriptor group: a final class holding a
/// `Mutex` over an array of optionals. The lock is held only to read or publish a slot, never while computing,
/// so different objects are computed in parallel; if two threads race on the same slot both compute the same
/// deterministic value and the first one published is kept.
final class LazyCache<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) {
        slots = Mutex([Value?](repeating: nil, count: count))
    }

    func value(at index: Int, compute: () -> Value) -> Value {
        if let cached = slots.withLock({ $0[index] }) { return cached }
        let fresh = compute()
        return slots.withLock { slots in
            if let raced = slots[index] { return raced }
            slots[index] = fresh
            return fresh
        }
    }
}
