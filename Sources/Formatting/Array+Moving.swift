extension Array {
    /// Appends the elements of `other`, moved out of it rather than copied: a copy retains every
    /// reference an element holds (a page's path, bytes and key), and `other` releases them again
    /// when it goes, two passes over objects that may be cold in this core's cache. `other` is left
    /// holding `placeholder` in each place: give one that holds no object (empty strings and
    /// arrays), so that making and dropping those costs nothing.
    @inlinable
    public mutating func append(moving other: inout [Element], leaving placeholder: Element) {
        guard !other.isEmpty else { return }
        guard !isEmpty else { return swap(&self, &other) }
        let start = count
        append(contentsOf: repeatElement(placeholder, count: other.count))
        withUnsafeMutableBufferPointer { mine in
            other.withUnsafeMutableBufferPointer { theirs in
                for offset in theirs.indices { swap(&mine[start + offset], &theirs[offset]) }
            }
        }
    }
}
