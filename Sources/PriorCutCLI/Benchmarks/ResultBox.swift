/// Holds the last result of a timed body so that `details` can report it.
final class ResultBox<Value> {
    var value: Value?
}
