import Foundation
import Randomness
import Tensors

/// How a replay memory picks the transition to learn from.
public enum ReplaySampling: Sendable, Equatable {
    case uniform
    /// Proportional to `priority^exponent`.
    case prioritised(exponent: Float)
}

/// A bounded replay memory of past transitions (oldest evicted first), sampled uniformly or by priority.
///
/// Prioritised sampling is proportional (Schaul et al. 2016): entry `j` is drawn with probability
/// `p_j^exponent / Σ p^exponent`, a new entry gets the largest priority seen so far (so it is drawn soon), and the
/// trainer sets `p_j` to the entry's last critic loss. This replaces the reference's ad-hoc score
/// `(1/n_j)/max(1/n) + 4·ℓ_j/max ℓ` with least-score eviction (reference notes §1.10).
public struct ReplayMemory<Element> {
    public let capacity: Int
    public let sampling: ReplaySampling
    public private(set) var elements: [Element] = []
    public private(set) var priorities: [Float] = []
    /// The slot the next element replaces once the memory is full.
    public private(set) var oldest = 0
    /// The priority a new element gets (the largest seen so far).
    public private(set) var largestPriority: Float = 1

    public init(capacity: Int, sampling: ReplaySampling = .uniform) throws(AgentError) {
        guard capacity >= 1 else { throw .invalidConfiguration("replay capacity must be ≥ 1, got \(capacity)") }
        if case let .prioritised(exponent) = sampling, !(exponent >= 0 && exponent.isFinite) {
            throw .invalidConfiguration("priority exponent must be finite and ≥ 0, got \(exponent)")
        }
        self.capacity = capacity
        self.sampling = sampling
    }

    /// A memory holding `elements` with their priorities and eviction position (e.g. restored from a checkpoint).
    public init(capacity: Int, sampling: ReplaySampling, elements: [Element], priorities: [Float], oldest: Int,
                largestPriority: Float) throws(AgentError) {
        try self.init(capacity: capacity, sampling: sampling)
        guard elements.count <= capacity, priorities.count == elements.count,
              oldest >= 0, oldest < max(elements.count, 1), largestPriority > 0, largestPriority.isFinite else {
            throw .inconsistentInput("replay state of \(elements.count) elements, \(priorities.count) priorities, "
                                     + "oldest \(oldest) does not fit capacity \(capacity)")
        }
        self.elements = elements
        self.priorities = priorities
        self.oldest = oldest
        self.largestPriority = largestPriority
    }

    public var count: Int { elements.count }

    /// Stores `element`, evicting the oldest when full; returns its index.
    @discardableResult
    public mutating func append(_ element: Element) -> Int {
        if elements.count < capacity {
            elements.append(element)
            priorities.append(largestPriority)
            return elements.count - 1
        }
        let index = oldest
        elements[index] = element
        priorities[index] = largestPriority
        oldest = (oldest + 1) % capacity
        return index
    }

    /// The index of a stored element drawn by the memory's sampling rule; `nil` when empty.
    public func sampleIndex(using generator: inout SeededGenerator) -> Int? {
        guard !elements.isEmpty else { return nil }
        switch sampling {
        case .uniform:
            return Int(generator.next() % UInt64(elements.count))
        case let .prioritised(exponent):
            let weights = priorities.map { Double(pow($0, exponent)) }
            var threshold = generator.nextUnitDouble() * weights.reduce(0, +)
            for (index, weight) in weights.enumerated() {
                threshold -= weight
                if threshold < 0 { return index }
            }
            return elements.count - 1
        }
    }

    /// Sets the priority of entry `index` (non-finite or negative values count as the largest priority).
    public mutating func setPriority(_ priority: Float, at index: Int) {
        let value = priority.isFinite && priority >= 0 ? max(priority, 1e-6) : largestPriority
        priorities[index] = value
        largestPriority = max(largestPriority, value)
    }
}
