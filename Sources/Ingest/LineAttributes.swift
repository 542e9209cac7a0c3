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
        if XMLName.equals(name, "number") {
            number = name
            return .number
        }
        if XMLName.equals(name, "hits") {
            hits = name
            return .hits
        }
        if XMLName.equals(name, "branch") {
            branch = name
            return .branch
        }
        if XMLName.equals(name, "condition-coverage") {
            condition = name
            return .condition
        }
        if XMLName.equals(name, "missing-branches") {
            missing = name
            return .missing
        }
        return .other
    }

    /// Reads the attributes into `line`; `missing` gets coverage.py's missing-branches bytes, if any.
    /// Anything odd is added to `issues`.
    /// - Returns: whether the line counts (`false` when its number or hit count is unusable).
    mutating func read(
        _ attributes: XMLAttributes, into line: inout LineCoverage, missing: inout UnsafeBufferPointer<UInt8>?,
        issues: inout [LineIssue]
    ) -> Bool {
        guard let base = attributes.base else {
            issues.append(LineIssue(.numberMissing))
            return false
        }
        var numberValue: UnsafeBufferPointer<UInt8>?
        var hitsValue: UnsafeBufferPointer<UInt8>?
        var isBranch = false
        var conditionValue: UnsafeBufferPointer<UInt8>?
        var missingValue: UnsafeBufferPointer<UInt8>?
        for index in 0..<attributes.count {
            let entry = base + index * 5
            guard let name = entry[0], let start = entry[3], let end = entry[4] else { continue }
            let value = UnsafeBufferPointer(start: start, count: end - start)
            switch classify(name) {
            case .number: numberValue = value
            case .hits: hitsValue = value
            case .branch: isBranch = NumberParsing.isTrue(value)
            case .condition: conditionValue = value
            case .missing: missingValue = value
            case .other: break
            }
        }
        guard let numberValue else {
            issues.append(LineIssue(.numberMissing))
            return false
        }
        guard let number = NumberParsing.lineNumber(numberValue) else {
            issues.append(LineIssue(.numberInvalid, value: numberValue))
            return false
        }
        guard let hits = Self.hits(hitsValue, number: number, issues: &issues) else { return false }
        line = LineCoverage(number: number, hits: hits)
        missing = nil
        guard isBranch else { return true }
        guard let conditionValue else {
            issues.append(LineIssue(.conditionMissing, number: number))
            return true
        }
        switch NumberParsing.conditionCoverage(conditionValue) {
        case .branches(let covered, let valid):
            line.branchesValid = valid
            line.branchesCovered = covered
            if let missingValue, missingValue.count > 0 { missing = missingValue }
        case .overCovered: issues.append(LineIssue(.conditionOverCovered, value: conditionValue, number: number))
        case .unreadable: issues.append(LineIssue(.conditionUnreadable, value: conditionValue, number: number))
        }
        return true
    }

    /// The hit count to keep, or `nil` when the line is skipped.
    @inline(__always)
    private static func hits(_ value: UnsafeBufferPointer<UInt8>?, number: Int, issues: inout [LineIssue]) -> Int64? {
        guard let value else {
            issues.append(LineIssue(.hitsMissing, number: number))
            return nil
        }
        switch NumberParsing.hits(value) {
        case .count(let count): return count
        case .negative:
            issues.append(LineIssue(.hitsNegative, value: value, number: number))
            return 0
        case .fraction(let roundedUp):
            issues.append(LineIssue(.hitsFraction, value: value, number: number))
            return roundedUp
        case .tooLarge:
            issues.append(LineIssue(.hitsTooLarge, value: value, number: number))
            return Int64.max
        case .notANumber:
            issues.append(LineIssue(.hitsNotANumber, value: value, number: number))
            return nil
        }
    }
}
