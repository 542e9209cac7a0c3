import CLibXML2
import CoverageModel

/// Reads a `<line>` element's attributes in one pass: the hot path of every Cobertura parse.
///
/// libxml2 interns attribute names in its dictionary, so after the first `<line>` each name is
/// recognised by pointer; the string comparison runs only for names not seen before.
struct LineAttributes {
    private var number: UnsafePointer<xmlChar>?
    private var hits: UnsafePointer<xmlChar>?
    private var branch: UnsafePointer<xmlChar>?
    private var condition: UnsafePointer<xmlChar>?
    private var missing: UnsafePointer<xmlChar>?

    private enum Name { case number, hits, branch, condition, missing, other }

    @inline(__always)
    private mutating func classify(_ name: UnsafePointer<xmlChar>) -> Name {
        if name == number { return .number }
        if name == hits { return .hits }
        if name == branch { return .branch }
        if name == condition { return .condition }
        if name == missing { return .missing }
        if XMLName.equals(name, "number") { number = name; return .number }
        if XMLName.equals(name, "hits") { hits = name; return .hits }
        if XMLName.equals(name, "branch") { branch = name; return .branch }
        if XMLName.equals(name, "condition-coverage") { condition = name; return .condition }
        if XMLName.equals(name, "missing-branches") { missing = name; return .missing }
        return .other
    }

    /// Reads the attributes into `line`; `missing` gets coverage.py's missing-branches bytes, if any.
    /// Returns `false` for a `<line>` without a number.
    mutating func read(
        _ attributes: XMLAttributes, into line: inout LineCoverage, missing: inout UnsafeBufferPointer<UInt8>?
    ) -> Bool {
        guard let base = attributes.base else { return false }
        var numberValue: Int64?
        var hitsValue: Int64 = 0
        var isBranch = false
        var conditionValue: UnsafeBufferPointer<UInt8>?
        var missingValue: UnsafeBufferPointer<UInt8>?
        for index in 0..<attributes.count {
            let entry = base + index * 5
            guard let name = entry[0], let start = entry[3], let end = entry[4] else { continue }
            let value = UnsafeBufferPointer(start: start, count: end - start)
            switch classify(name) {
            case .number: numberValue = NumberParsing.count(value)
            case .hits: hitsValue = NumberParsing.count(value) ?? 0
            case .branch: isBranch = NumberParsing.isTrue(value)
            case .condition: conditionValue = value
            case .missing: missingValue = value
            case .other: break
            }
        }
        guard let numberValue else { return false }
        line = LineCoverage(number: Int(numberValue), hits: hitsValue)
        missing = nil
        if isBranch, let conditionValue, let (covered, valid) = NumberParsing.conditionCoverage(conditionValue) {
            line.branchesValid = valid
            line.branchesCovered = covered
            if let missingValue, missingValue.count > 0 { missing = missingValue }
        }
        return true
    }
}
