/// A `<line>` attribute that is not what producers write, and what the reader did about it
/// (README, "How counting works"). Never a silent change: each becomes a report warning.
struct LineIssue {
    enum Rule {
        /// `number` is not 1…2³¹−1 in plain digits: the line is skipped.
        case numberInvalid
        /// No `number`: the line is skipped.
        case numberMissing
        /// `hits` is not a decimal number (`inf`, `NaN`, `0x10`, words): the line is skipped.
        case hitsNotANumber
        /// No `hits`: the line is skipped.
        case hitsMissing
        /// `hits` below zero: counted as 0 (not covered).
        case hitsNegative
        /// `hits` not whole: rounded up.
        case hitsFraction
        /// `hits` above 2⁶³−1: kept as 2⁶³−1.
        case hitsTooLarge
        /// `condition-coverage` covers more than there are: the line counts without branches.
        case conditionOverCovered
        /// `condition-coverage` without a readable `(covered/valid)`: the line counts without branches.
        case conditionUnreadable
        /// `branch="true"` without `condition-coverage`: the line counts without branches.
        case conditionMissing
    }

    let rule: Rule
    /// The attribute's value as written, shortened.
    let value: String?
    /// The line number, once it is known to be one.
    let number: Int?

    init(_ rule: Rule, value: UnsafeBufferPointer<UInt8>? = nil, number: Int? = nil) {
        self.rule = rule
        self.value = value.map { bytes in
            let text = XMLAttributes.decode(bytes)
            return text.count > 40 ? String(text.prefix(40)) + "…" : text
        }
        self.number = number
    }

    /// `coverage.xml:12: <line number="4" hits="inf"> in src/a.py: … ; the line is skipped`.
    func message(report path: String, xmlLine: Int, file: String) -> String {
        let attribute: String
        switch rule {
        case .numberInvalid: attribute = "number=\"\(value ?? "")\""
        case .numberMissing: attribute = "without number"
        case .hitsNotANumber, .hitsNegative, .hitsFraction, .hitsTooLarge: attribute = "hits=\"\(value ?? "")\""
        case .hitsMissing: attribute = "without hits"
        case .conditionOverCovered, .conditionUnreadable: attribute = "condition-coverage=\"\(value ?? "")\""
        case .conditionMissing: attribute = "branch=\"true\" without condition-coverage"
        }
        let element = number.map { "<line number=\"\($0)\" \(attribute)>" } ?? "<line \(attribute)>"
        return "\(path):\(xmlLine): \(element) in \(file.isEmpty ? "a class without filename" : file): \(consequence)"
    }

    private var consequence: String {
        switch rule {
        case .numberInvalid: "not a line number (a whole number from 1 to 2147483647); the line is skipped"
        case .numberMissing: "the line is skipped"
        case .hitsNotANumber: "the hit count is not a number; the line is skipped"
        case .hitsMissing: "the line is skipped"
        case .hitsNegative: "a negative hit count; counted as 0 (not covered)"
        case .hitsFraction: "not a whole hit count; rounded up"
        case .hitsTooLarge: "larger than 2^63-1; kept as 9223372036854775807"
        case .conditionOverCovered: "more branches covered than there are; the line counts without branches"
        case .conditionUnreadable:
            "no (covered/valid) of whole numbers below 2^31 in it; the line counts without branches"
        case .conditionMissing: "the line counts without branches"
        }
    }
}

/// The warnings of one report's odd `<line>` values: the first ones in full, then a count, so a
/// report with millions of them cannot fill memory with messages.
struct LineWarnings {
    static let limit = 20
    private(set) var messages: [String] = []
    private(set) var more = 0

    mutating func add(_ message: @autoclosure () -> String) {
        if messages.count < Self.limit { messages.append(message()) } else { more += 1 }
    }

    /// Adds `later`'s messages after these, as if each had been added here.
    mutating func append(_ later: LineWarnings) {
        for message in later.messages { add(message) }
        more += later.more
    }

    /// The messages, with a closing line for those left out.
    var all: [String] {
        more == 0
            ? messages
            : messages + ["… and \(more) more <line> element(s) skipped or changed by the same rules"]
    }
}
