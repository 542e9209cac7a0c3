/// The named fields of a `TemplateValue.object`, kept in the order given and found by name without hashing.
///
/// Page models have a handful to a few dozen fields, so comparing a name with each field's name (lengths
/// first) is faster than hashing it, and building an object hashes nothing: a dictionary literal's elements
/// are kept as the array the literal already is.
///
/// Each name may be given once: as with a dictionary literal, a name given twice stops the program (in a
/// debug build, which is what the tests run; checked when the object is made). Equality does not depend
/// on the order of the fields.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The fields in the order given.
    let fields: [(String, TemplateValue)]

    /// An object of the literal's fields, as written: `["title": .text(title), "rows": .list(rows)]`.
    /// - Precondition: No name is given twice (checked in debug builds).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }

    /// An object of `fields`, in their order.
    /// - Precondition: No name is given twice (checked in debug builds: the names are the code's own
    ///   literals, and checking them in every object cost a 20 000-file render 170 M instructions).
    public init(_ fields: [(String, TemplateValue)]) {
        assert(Self.namesDiffer(fields))
        self.fields = fields
    }

    /// This object with `more` fields after its own (a shared set of fields added to several pages).
    /// - Precondition: No name is given twice (checked in debug builds).
    public func adding(_ more: [(String, TemplateValue)]) -> TemplateObject {
        // Checked in debug builds, as `init` checks: this object's names were checked when it was
        // made, so each added name is compared with the names before it, not every pair again.
        let all = fields + more
        assert(
            (fields.count..<all.count).allSatisfy { index in
                (0..<index).allSatisfy { all[$0].0 != all[index].0 }
            }, "TemplateObject: a name is given twice")
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

    /// Whether no name is given twice (for `assert`: a name given twice stops a debug build, as a
    /// dictionary literal would).
    ///
    /// Names are only compared with earlier names of the same length (modulo 64), so an object of names of
    /// different lengths costs one pass.
    private static func namesDiffer(_ fields: [(String, TemplateValue)]) -> Bool {
        var lengthsSeen: UInt64 = 0
        for index in fields.indices {
            let count = fields[index].0.utf8.count
            let bit: UInt64 = 1 << (count & 63)
            if lengthsSeen & bit != 0 {
                for earlier in 0..<index where fields[earlier].0.utf8.count == count {
                    guard fields[earlier].0 != fields[index].0 else {
                        print("TemplateObject: the name '\(fields[index].0)' is given twice")
                        return false
                    }
                }
            }
            lengthsSeen |= bit
        }
        return true
    }
}
