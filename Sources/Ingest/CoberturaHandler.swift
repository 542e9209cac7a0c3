import CLibXML2
import CoverageModel
import Foundation

/// The SAX state machine behind `CoberturaParser` (../shared/corpus/RULES.md).
///
/// Classes are found wherever they sit: in `<package><classes>`, directly in `<package>` (Swift
/// converters) or directly in `<packages>` (jest on Windows). A class's own `<lines>` count; its
/// methods' lines are used only when it has none.
final class CoberturaHandler: XMLStreamHandler {
    private let path: String
    private(set) var failure: IngestError?

    // MARK: Document facts
    private(set) var rootAttributes = RootAttributes()
    private(set) var sawDoctype = false
    private(set) var comments: [String] = []
    private(set) var sources: [String] = []
    private(set) var sawCoberturaStructure = false
    private(set) var files: [String: FileAccumulator] = [:]
    private(set) var classCount = 0

    // MARK: Parse state
    private var stack: [CoberturaElement] = []
    private var sourceText: [UInt8] = []
    private var currentFile: FileAccumulator?
    private var classLines: [LineCoverage] = []
    private var methodLines: [LineCoverage] = []
    private var classHasOwnLines = false

    init(path: String) { self.path = path }

    func startElement(_ name: UnsafePointer<xmlChar>, attributes: XMLAttributes, at position: XMLPosition) {
        let element = CoberturaElement(name)
        defer { stack.append(element) }
        switch element {
        case .line: readLine(attributes)
        case .class: beginClass(attributes)
        case .source where stack.last == .sources: sourceText.removeAll(keepingCapacity: true)
        case .sources, .packages, .package: if stack.count == 1 { sawCoberturaStructure = true }
        default: break
        }
        if stack.isEmpty { checkRoot(name, element: element, attributes: attributes, at: position) }
        else if stack.count == 1, element == .file, !sawCoberturaStructure {
            failure = .notCobertura(
                path: path, line: position.line, column: position.column,
                looksLike: "it looks like SonarQube generic coverage (<coverage version=\"1\"><file path=…>"
                    + "<lineToCover …/>), which gcovr writes with --sonarqube; write Cobertura instead "
                    + "(e.g. gcovr --cobertura)")
        }
    }

    func endElement(_ name: UnsafePointer<xmlChar>) {
        guard let element = stack.popLast() else { return }
        switch element {
        case .class: endClass()
        case .source where stack.last == .sources:
            sources.append(String(decoding: sourceText, as: UTF8.self))
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if stack.last == .source { sourceText.append(contentsOf: bytes) }
    }

    func comment(_ text: UnsafePointer<xmlChar>) {
        if comments.count < 8 { comments.append(String(cString: text)) }
    }

    func doctype(_ name: UnsafePointer<xmlChar>) { sawDoctype = true }

    // MARK: - Elements

    private func checkRoot(
        _ name: UnsafePointer<xmlChar>, element: CoberturaElement, attributes: XMLAttributes, at position: XMLPosition
    ) {
        guard element == .coverage else {
            let root = String(cString: name)
            failure = .notCobertura(
                path: path, line: position.line, column: position.column,
                looksLike: DocumentKind.describe(rootElement: root))
            return
        }
        rootAttributes = RootAttributes(
            first: attributes.firstName,
            version: attributes.string("version"),
            timestamp: attributes.value("timestamp").flatMap(NumberParsing.double),
            hasComplexity: attributes.has("complexity"),
            hasBranchesValid: attributes.has("branches-valid"))
    }

    private func beginClass(_ attributes: XMLAttributes) {
        sawCoberturaStructure = true
        classCount += 1
        classLines.removeAll(keepingCapacity: true)
        methodLines.removeAll(keepingCapacity: true)
        classHasOwnLines = false
        // A class without a filename cannot be placed; it is reported by name as its own file.
        let raw = attributes.string("filename") ?? attributes.string("name") ?? ""
        let name = raw.replacingOccurrences(of: "\\", with: "/")
        if let existing = files[name] {
            currentFile = existing
        } else {
            let file = FileAccumulator(name: name)
            files[name] = file
            currentFile = file
        }
    }

    private func endClass() {
        currentFile?.append(contentsOf: classHasOwnLines ? classLines : methodLines)
        currentFile = nil
    }

    private func readLine(_ attributes: XMLAttributes) {
        // <line> counts only inside <lines> of a class, or of a method of a class.
        let count = stack.count
        guard count >= 2, stack[count - 1] == .lines, currentFile != nil else { return }
        let owner = stack[count - 2]
        guard owner == .class || owner == .method else { return }
        guard let numberBytes = attributes.value("number"), let number = NumberParsing.count(numberBytes) else {
            return
        }
        let hits = attributes.value("hits").flatMap(NumberParsing.count) ?? 0
        var line = LineCoverage(number: Int(number), hits: hits)
        if let branch = attributes.value("branch"), NumberParsing.isTrue(branch),
            let condition = attributes.value("condition-coverage"),
            let (covered, valid) = NumberParsing.conditionCoverage(condition)
        {
            line.branchesValid = valid
            line.branchesCovered = covered
            line.missingBranches = attributes.string("missing-branches").flatMap { $0.isEmpty ? nil : $0 }
        }
        if owner == .class {
            classHasOwnLines = true
            classLines.append(line)
        } else {
            methodLines.append(line)
        }
    }
}

/// What the `<coverage>` element says about its producer.
struct RootAttributes {
    var first: String?
    var version: String?
    var timestamp: Double?
    var hasComplexity = false
    var hasBranchesValid = false
}
