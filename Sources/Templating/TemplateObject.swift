/// The named fields of a `TemplateValue.object`, kept in the order given and found by name without hashing.
///
/// Page models have a handful to a few dozen fields, so comparing a name with each field's name (lengths
/// first) is faster than hashing it, and building an object hashes nothing: a dictionary literal's elements
/// are kept as the array the literal already is.
///
/// A name given more than once is allowed, and the last one wins, for lookups and for equality. Equality does
/// not depend on the order of the fields, as for a dictionary.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The fields in the order given, repeated names included.
    let fields: [(String, TemplateValue)]

    /// An object of the literal's fields, as written: `["title": .text(title), "rows": .list(rows)]`.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        fields = elements
    }

    /// An object of `fields`, in their order; for a name given more than once, the last one wins.
    public init(_ fields: [(String, TemplateValue)]) {
        self.fields = fields
    }

    /// An object of a dictionary's fields.
    public init(_ dictionary: [String: TemplateValue]) {
        fields = dictionary.map { ($0.key, $0.value) }
    }

    /// The value of the field `name`, or nil when there is none.
    public subscript(name: String) -> TemplateValue? {
        guard let index = index(of: name) else { return nil }
        return fields[index].1
    }

    /// The index in `fields` of the last field named `name`.
    @inline(__always)
    func index(of name: String) -> Int? {
        // Comparing lengths first rules most fields out without a call into the string comparison.
        let count = name.utf8.count
        var index = fields.count
        while index > 0 {
            index -= 1
            if fields[index].0.utf8.count == count, fields[index].0 == name { return index }
        }
        return nil
    }

    public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
        if lhs.fields.count == rhs.fields.count,
            zip(lhs.fields, rhs.fields).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 })
        {
            return true
        }
        // Same names, each with the same (last) value, in any order.
        return lhs.fields.allSatisfy { rhs[$0.0] == lhs[$0.0] } && rhs.fields.allSatisfy { lhs[$0.0] != nil }
    }
}
