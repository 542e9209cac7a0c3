import CLibXML2
import Concurrency
import CoverageModel
import Formatting
import Foundation

/// The Cobertura state machine behind `CoberturaParser` (docs/counting.md), fed the events
/// `CoberturaRecorder` recorded, on the thread that replays them.
///
/// Classes are found wherever they sit: in `<package><classes>`, directly in `<package>` (Swift
/// converters) or directly in `<packages>` (jest on Windows). A class's own `<lines>` count; its
/// methods' lines are used only when it has none.
///
/// Used by one thread at a time: the replaying one during the parse, the caller after it
/// (`EventPipe` orders the two).
final class CoberturaHandler: @unchecked Sendable {
    let path: String
    /// The first reason this is no usable Cobertura file; the parse stops at the next hand-over.
    private(set) var failure: IngestError?
    private let pipe: EventPipe

    // MARK: Document facts
    private(set) var rootAttributes = RootAttributes()
    private(set) var sources: [String] = []
    private(set) var sawCoberturaStructure = false
    /// Every file named so far, in the order the report names them first.
    private(set) var files: [FileAccumulator] = []
    /// The files' names, sorted as they come (on this, the parse's second thread).
    private var fileOrder = NameOrder.Incremental()
    private var fileIndex: [FileName: Int] = Dictionary(minimumCapacity: 1024)
    /// Odd `<line>` values and what was done about each.
    private(set) var lineWarnings = LineWarnings()
    /// A split parse's second part: what turns its parser's line numbers into the file's.
    var lineShift: LineShift?

    // MARK: Parse state
    /// Open elements. libxml2 refuses documents nested deeper than 256 without `HUGE`; deeper
    /// elements than the buffer holds are counted but not remembered (they can hold nothing we read).
    private let stack = UnsafeMutablePointer<CoberturaElement>.allocate(capacity: CoberturaHandler.maxDepth)
    static let maxDepth = 512
    private var depth = 0
    /// Where the element being replayed starts, for messages.
    private var line = 0
    private var column = 0
    /// The replayed attributes, five pointers each as libxml2 hands them over.
    private var attributeSlots = UnsafeMutablePointer<UnsafePointer<xmlChar>?>.allocate(capacity: 5 * 8)
    private var attributeCapacity = 8
    private var lineAttributes = LineAttributes()
    private var lineIssues: [LineIssue] = []
    private var sourceText: [UInt8] = []
    private var collectsSource = false
    private var currentFile: FileAccumulator?
    /// The open class's own lines, and its methods' lines (used only when it has none of its own).
    private var classLines = LineBatch()
    private var methodLines = LineBatch()
    /// The open `<method>` of a class: its name, signature and own `hits`, and where its lines
    /// start in `methodLines`.
    private var openMethod: (name: String, signature: String, hits: Int64?, firstLine: Int)?

    init(path: String, pipe: EventPipe) {
        self.path = path
        self.pipe = pipe
    }

    deinit {
        stack.deallocate()
        attributeSlots.deallocate()
    }

    /// The element `levels` above the current one (0 = the current one), or `.other` past the buffer.
    @inline(__always)
    private func open(_ levels: Int) -> CoberturaElement {
        let index = depth - 1 - levels
        return index >= 0 && index < Self.maxDepth ? stack[index] : .other
    }

    private func fail(_ error: IngestError) {
        guard failure == nil else { return }
        failure = error
        pipe.stop()
    }

    // MARK: - Replay

    /// Acts on the events of one chunk, in order; after a failure the rest are skipped.
    func replay(_ chunk: EventChunk) {
        var next = UnsafeRawPointer(chunk.bytes)
        let end = next + chunk.count
        while next < end, failure == nil {
            let tag = EventChunk.Tag(rawValue: next.load(as: UInt8.self))
            switch tag {
            case .start, .empty:
                let kind = CoberturaElement(rawValue: next.load(fromByteOffset: 1, as: UInt8.self)) ?? .other
                let name = UnsafePointer<xmlChar>(bitPattern: next.loadUnaligned(fromByteOffset: 2, as: UInt.self))
                line = Int(next.loadUnaligned(fromByteOffset: 10, as: Int32.self))
                column = Int(next.loadUnaligned(fromByteOffset: 14, as: Int32.self))
                let count = Int(next.loadUnaligned(fromByteOffset: 18, as: UInt32.self))
                next += 22
                if count > attributeCapacity {
                    attributeSlots.deallocate()
                    attributeCapacity = count
                    attributeSlots = .allocate(capacity: 5 * count)
                }
                for index in 0..<count {
                    let slot = attributeSlots + index * 5
                    let length = Int(next.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
                    let value = (next + 12).assumingMemoryBound(to: xmlChar.self)
                    slot[0] = UnsafePointer(bitPattern: next.loadUnaligned(as: UInt.self))
                    slot[1] = nil
                    slot[2] = nil
                    slot[3] = value
                    slot[4] = value + length
                    next += 12 + length
                }
                if let name { startElement(kind, name, XMLAttributes(base: attributeSlots, count: count)) }
                if tag == .empty, failure == nil { endElement() }
            case .end:
                next += 1
                endElement()
            case .characters:
                let length = Int(next.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
                if collectsSource {
                    sourceText.append(contentsOf: UnsafeRawBufferPointer(start: next + 5, count: length))
                }
                next += 5 + length
            case nil:
                return
            }
        }
    }

    // MARK: - Elements

    private func startElement(
        _ element: CoberturaElement, _ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes
    ) {
        let parentDepth = depth
        if depth < Self.maxDepth { stack[depth] = element }
        depth += 1
        switch element {
        case .line: readLine(attributes)
        case .class: beginClass(attributes)
        case .method where open(1) == .methods && open(2) == .class: beginMethod(attributes)
        case .source where open(1) == .sources:
            sourceText.removeAll(keepingCapacity: true)
            collectsSource = true
        case .sources, .packages, .package: if parentDepth == 1 { sawCoberturaStructure = true }
        case .file where parentDepth == 1 && !sawCoberturaStructure:
            fail(
                .notCobertura(
                    path: path, line: line, column: column,
                    looksLike: "it looks like SonarQube generic coverage (<coverage version=\"1\"><file path=…>"
                        + "<lineToCover …/>), which gcovr writes with --sonarqube; write Cobertura instead "
                        + "(e.g. gcovr --cobertura)"))
        default: break
        }
        if parentDepth == 0 { checkRoot(name, element: element, attributes: attributes) }
    }

    private func endElement() {
        guard depth > 0 else { return }
        let element = open(0)
        depth -= 1
        switch element {
        case .class: endClass()
        case .method: endMethod()
        case .source where open(0) == .sources:
            collectsSource = false
            sources.append(String(decoding: sourceText, as: UTF8.self))
        default: break
        }
    }

    private func checkRoot(_ name: UnsafePointer<xmlChar>, element: CoberturaElement, attributes: XMLAttributes) {
        guard element == .coverage else {
            fail(
                .notCobertura(
                    path: path, line: line, column: column,
                    looksLike: DocumentKind.describe(rootElement: String(cString: name))))
            return
        }
        rootAttributes = RootAttributes(
            first: attributes.firstName,
            version: attributes.string("version"),
            timestamp: attributes.value("timestamp").flatMap(NumberParsing.double),
            timestampText: attributes.string("timestamp").map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 },
            hasComplexity: attributes.has("complexity"),
            hasBranchesValid: attributes.has("branches-valid"),
            header: Counts(
                linesValid: Self.headerCount(attributes, "lines-valid"),
                linesCovered: Self.headerCount(attributes, "lines-covered"),
                branchesValid: Self.headerCount(attributes, "branches-valid"),
                branchesCovered: Self.headerCount(attributes, "branches-covered")))
    }

    /// A header total as a whole number; -1 when absent or not one (`1.0e3`, `NaN`).
    private static func headerCount(_ attributes: XMLAttributes, _ name: StaticString) -> Int {
        guard let value = attributes.value(name), !value.isEmpty, value.count <= 18,
            value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return -1 }
        return value.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private func beginClass(_ attributes: XMLAttributes) {
        sawCoberturaStructure = true
        classLines.removeAll()
        methodLines.removeAll()
        openMethod = nil
        // A class without a filename cannot be placed; it is reported under its name.
        let value = attributes.value("filename") ?? attributes.value("name")
        let raw = value.map(XMLAttributes.decode) ?? ""
        // `\` looked for in the attribute's bytes: through the string's UTF-8 view, a byte at a time,
        // it was 1 % of a 20 000-file parse's samples.
        let hasBackslash =
            value.map { bytes in bytes.baseAddress.map { memchr($0, 0x5C, bytes.count) != nil } ?? false } ?? false
        let name = hasBackslash ? raw.replacingOccurrences(of: "\\", with: "/") : raw
        // One lookup that inserts the next index when the name is new.
        let next = files.count
        let index = { (slot: inout Int) in slot }(&fileIndex[FileName(name), default: next])
        if index == next {
            files.append(FileAccumulator(name: name))
            fileOrder.append(name)
        }
        currentFile = files[index]
    }

    /// Takes what a split parse's second part read after this part's last class, as if this handler
    /// had replayed its events: its files in the order it named them (a file both parts name gets
    /// the second part's classes after its own), its sources and its line warnings.
    ///
    /// `fileIndex` is not extended: nothing looks files up after the parse.
    func absorb(_ second: CoberturaHandler) {
        sources += second.sources
        lineWarnings.append(second.lineWarnings)
        // The second part's names, hashed already, by position.
        var names = [FileName?](repeating: nil, count: second.files.count)
        for (name, index) in second.fileIndex { names[index] = name }
        let mine = Self.lookUp(names, in: fileIndex)
        var shared: [Int] = []
        files.reserveCapacity(files.count + second.files.count)
        for (index, file) in second.files.enumerated() {
            if let mine = mine[index] {
                files[mine].absorb(file)
                shared.append(index)
            } else {
                files.append(file)
            }
        }
        if shared.isEmpty {
            // Moved out, not copied: its blocks' last sort then happens in place.
            var order = NameOrder.Incremental()
            swap(&order, &second.fileOrder)
            fileOrder.append(contentsOf: order)
        } else {
            var next = 0
            for (index, file) in second.files.enumerated() {
                if next < shared.count, shared[next] == index {
                    next += 1
                } else {
                    fileOrder.append(file.name)
                }
            }
        }
    }

    /// Where each name is in `index` (`nil` for a missing or unnamed one): looked up in parts on
    /// every core when there are many. The second part's 10 000 names, each a look in a table cold in
    /// this core's cache, took 1.8 ms on one core, the other idle.
    private static func lookUp(_ names: [FileName?], in index: [FileName: Int]) -> [Int?] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, names.count / 2_048)
        guard parts > 1 else { return names.map { $0.flatMap { index[$0] } } }
        let found = Slots<[Int?]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = names.count * part / parts..<names.count * (part + 1) / parts
            found.set(part, names[range].map { $0.flatMap { index[$0] } })
        }
        return found.all.flatMap { $0 ?? [] }
    }

    /// The positions of `files` in name order (`NameOrder.sortedIndices` of their names).
    func filesInNameOrder() -> [Int] { fileOrder.sortedIndices() }

    private func endClass() {
        currentFile?.append(classLines.isEmpty ? methodLines : classLines)
        currentFile?.finishEarly()
        currentFile = nil
    }

    private func beginMethod(_ attributes: XMLAttributes) {
        guard currentFile != nil else { return }
        openMethod = (
            attributes.string("name") ?? "", attributes.string("signature") ?? "",
            attributes.value("hits").flatMap(NumberParsing.count), methodLines.lines.count
        )
    }

    /// A function entry from the lines the method listed (gcovr, Java Cobertura, coverlet, istanbul …).
    private func endMethod() {
        guard let method = openMethod, let file = currentFile else { return }
        openMethod = nil
        let lines = methodLines.lines[min(method.firstLine, methodLines.lines.count)...]
        let first = lines.min { $0.number < $1.number }
        file.add(
            FunctionCoverage(
                name: method.name, signature: method.signature, line: first?.number ?? 0,
                hits: method.hits ?? first?.hits, linesValid: lines.count,
                linesCovered: lines.reduce(0) { $0 + ($1.isCovered ? 1 : 0) }))
    }

    /// `<line>` counts only inside `<lines>` of a class, or of a method of a class.
    private func readLine(_ attributes: XMLAttributes) {
        guard open(1) == .lines, currentFile != nil else { return }
        let owner = open(2)
        guard owner == .class || owner == .method else { return }
        var line = LineCoverage(number: 0, hits: 0)
        var missing: UnsafeBufferPointer<UInt8>?
        let counts = lineAttributes.read(attributes, into: &line, missing: &missing, issues: &lineIssues)
        if !lineIssues.isEmpty { reportLineIssues() }
        guard counts else { return }
        if owner == .class {
            classLines.append(line, missing: missing)
        } else {
            methodLines.append(line, missing: missing)
        }
    }
}

extension CoberturaHandler {
    private func reportLineIssues() {
        let file = currentFile?.name ?? ""
        let xmlLine = line + (lineShift?.value ?? 0)
        for issue in lineIssues {
            lineWarnings.add(issue.message(report: path, xmlLine: xmlLine, file: file))
        }
        lineIssues.removeAll(keepingCapacity: true)
    }
}

/// What the `<coverage>` element says about its producer.
struct RootAttributes {
    var first: String?
    var version: String?
    var timestamp: Double?
    /// The attribute as written, for a warning when it is no usable time.
    var timestampText: String?
    var hasComplexity = false
    var hasBranchesValid = false
    /// The totals the header states (`lines-covered` …), each -1 when absent or not a whole number.
    var header = Counts(linesValid: -1, linesCovered: -1, branchesValid: -1, branchesCovered: -1)
}
