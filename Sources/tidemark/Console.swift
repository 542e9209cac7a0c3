import CoverageModel
import Foundation
import SiteRenderer

/// Where the CLI speaks: results to stdout, problems to stderr, each written once at the top.
enum Console {
    /// Written at once, not buffered: `watch` logs one line per tick even into a file or the journal.
    static func info(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data("tidemark: \(line)\n".utf8))
    }
}

/// One-line run summaries for the console.
enum Summary {
    static func line(for run: Run, output: String) -> String {
        let totals = run.totals
        return "Wrote \(output)/index.html: \(percent(totals.lineRate)) of \(totals.linesValid) lines covered ("
            + components(of: run) + ")"
    }

    /// `python 98.6% lines, rust failed`.
    static func components(of run: Run) -> String {
        run.components.map { component -> String in
            guard component.status == .measured, let counts = component.report?.totals else {
                return "\(component.name) \(component.status == .measured ? "no coverage" : "failed")"
            }
            return "\(component.name) \(percent(counts.lineRate)) lines"
        }.joined(separator: ", ")
    }

    static func percent(_ rate: Double?) -> String { DisplayFormat.percent(rate) }
}
