/// The run before the latest, as far as a site needs it: for each component, its files' display
/// paths and lines, to find the lines that became uncovered.
///
/// A history hands the lines as stored (`StoredLines`) and they are read only when a page asks: a
/// 20 000-file run decoded into `SourceFile` values took 50 ms of CPU in a cron tick, and its lines
/// are walked once per file page, in place.
public struct PreviousRun: Sendable {
    /// Each component's files, by component name; a component without per-line data is absent.
    public let components: [String: PreviousFiles]

    public init(components: [String: PreviousFiles]) { self.components = components }

    /// The files of every component of `run` that has a report.
    public init(_ run: Run) {
        var components: [String: PreviousFiles] = [:]
        for component in run.components {
            if let report = component.report { components[component.name] = PreviousFiles(report.files) }
        }
        self.components = components
    }
}

/// One component's files in the previous run: display paths, in the report's order, and the lines of
/// each, walked in order of number.
public struct PreviousFiles: Sendable {
    /// Each file's display path (`SourceFile.displayPath`).
    public let displayPaths: [String]
    private let lines: any StoredLines

    /// Files held in memory.
    public init(_ files: [SourceFile]) {
        displayPaths = files.map(\.displayPath)
        lines = HeldLines(files: files)
    }

    /// Files whose lines are read from `lines` when asked; file `index` is `displayPaths[index]`.
    public init(displayPaths: [String], lines: any StoredLines) {
        self.displayPaths = displayPaths
        self.lines = lines
    }

    /// Calls `body` with each line of file `index`, in order of number.
    public func forEachLine(ofFile index: Int, _ body: (LineCoverage) -> Void) {
        lines.forEachLine(ofFile: index, body)
    }
}

/// Files' lines kept in some stored form (a history's archive), read one file at a time.
public protocol StoredLines: Sendable {
    /// Calls `body` with each line of file `index`, in order of number.
    func forEachLine(ofFile index: Int, _ body: (LineCoverage) -> Void)
}

/// `StoredLines` of files in memory.
private struct HeldLines: StoredLines {
    let files: [SourceFile]

    func forEachLine(ofFile index: Int, _ body: (LineCoverage) -> Void) {
        files[index].lines.withUnsafeBufferPointer { lines in
            for line in lines { body(line) }
        }
    }
}
