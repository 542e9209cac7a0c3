/// The named fields of a `TemplateValue.object`, kept in the order given and found by name without hashing.
///
/// Page models have a handful to a few dozen fields, so comparing a name with each field's name (lengths
/// first) is faster than hashing it, and building an object hashes nothing: a dictionary literal's elements
/// are kept as the array the literal already is.
///
/// Each name may be given once: as with a dictionary literal, a name given twice stops the program (a
/// precondition, checked when the object is made). Equality does not depend on the order of the fields.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The fields in the order given.
    let fields: [(String, TemplateValue)]

    /// An object of the literal's fields, as written: `["title": .text(title), "rows": .list(rows)]`.
    /// - Precondition: No name is given twice.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }

    /// An object of `fields`, in their order.
    /// - Precondition: No name is given twice.
    public init(_ fields: [(String, TemplateValue)]) {
        Self.checkNamesDiffer(fields)
        self.fields = fields
    }

    /// This object with `more` fields after its own (a shared set of fields added to several pages).
    /// - Precondition: No name is given twice.
    public func adding(_ more: [(String, TemplateValue)]) -> TemplateObject {
        // This object's names were checked when it was made: each added name is compared with the
        // names before it, not every pair again (a file page adds 3 names to 30, once per page).
        let all = fields + more
        for index in fields.count..<all.count {
            let name = all[index].0
            let count = name.utf8.count
            for earlier in 0..<index where all[earlier].0.utf8.count == count {
                precondition(all[earlier].0 != name, "TemplateObject: the name '\(name)' is given twice")
            }
        }
        return TemplateObject(checked: all)
    }

    /// An object of fields whose names are known to differ.
    private init(checked fields: [(String, TemplateValue)]) {
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

    /// The index in `fields` of the field named `name`, trying `hint` first: objects made by the same literal
    /// have their names at the same indices.
    @inline(__always)
    func index(of name: String, hint: Int = 0) -> Int? {
        // Comparing lengths first rules most fields out without a call into the string comparison.
        let count = name.utf8.count
        if hint < fields.count, fields[hint].0.utf8.count == count, fields[hint].0 == name { return hint }
        for index in fields.indices where fields[index].0.utf8.count == count && fields[index].0 == name {
            return index
        }
        return nil
    }

    public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
        guard lhs.fields.count == rhs.fields.count else { return false }
        // Names are unique, so the same count and every field found equal in the other is the same object.
        return zip(lhs.fields, rhs.fields).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            || lhs.fields.allSatisfy { rhs[$0.0] == $0.1 }
    }

    /// Stops the program when a name is given twice, as a dictionary literal would.
    ///
    /// Names are only compared with earlier names of the same length (modulo 64), so an object of names of
    /// different lengths costs one pass.
    private static func checkNamesDiffer(_ fields: [(String, TemplateValue)]) {
        var lengthsSeen: UInt64 = 0
        for index in fields.indices {
            let count = fields[index].0.utf8.count
            let bit: UInt64 = 1 << (count & 63)
            if lengthsSeen & bit != 0 {
                for earlier in 0..<index where fields[earlier].0.utf8.count == count {
                    precondition(
                        fields[earlier].0 != fields[index].0,
                        "TemplateObject: the name '\(fields[index].0)' is given twice")
                }
            }
            lengthsSeen |= bit
        }
    }
}
