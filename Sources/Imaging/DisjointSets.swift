/// Union-find over `0..<count` with path halving and union by size. A class: it owns raw storage for speed in the
/// per-pixel loops of the minima, watershed and merging algorithms.
final class DisjointSets {
    private let parent: UnsafeMutablePointer<Int32>
    private let sizes: UnsafeMutablePointer<Int32>
    let count: Int

    init(count: Int) {
        self.count = count
        parent = .allocate(capacity: max(count, 1))
        sizes = .allocate(capacity: max(count, 1))
        for i in 0..<count { parent[i] = Int32(i) }
        sizes.initialize(repeating: 1, count: max(count, 1))
    }

    deinit {
        parent.deallocate()
        sizes.deallocate()
    }

    @inline(__always) func find(_ x: Int32) -> Int32 {
        var x = x
        while parent[Int(x)] != x {
            let grandparent = parent[Int(parent[Int(x)])]
            parent[Int(x)] = grandparent
            x = grandparent
        }
        return x
    }

    /// Joins the sets of `a` and `b`; returns `(root, absorbed)` roots, or nil if they were already one set.
    @inline(__always) @discardableResult func union(_ a: Int32, _ b: Int32) -> (root: Int32, absorbed: Int32)? {
        let ra = find(a), rb = find(b)
        if ra == rb { return nil }
        let (root, absorbed) = sizes[Int(ra)] < sizes[Int(rb)] ? (rb, ra) : (ra, rb)
        parent[Int(absorbed)] = root
        sizes[Int(root)] += sizes[Int(absorbed)]
        return (root, absorbed)
    }

    /// Makes `root` (a root) the parent of `absorbed` (a root), regardless of size.
    @inline(__always) func attach(_ absorbed: Int32, to root: Int32) {
        parent[Int(absorbed)] = root
        sizes[Int(root)] += sizes[Int(absorbed)]
    }

    /// The number of elements in the set of `x`.
    func size(of x: Int32) -> Int { Int(sizes[Int(find(x))]) }
}
