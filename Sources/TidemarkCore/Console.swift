import CoverageModel
import Formatting
import Foundation
import Synchronization

/// Where commands speak: results to one stream, problems to the other, each line written at once
/// (`watch` logs one line per tick even into a file or the journal). Library code takes a console
/// instead of printing, so tests can read what a command said.
public final class Console: @unchecked Sendable {
    public enum Stream: Sendable { case output, error }

    private let sink: @Sendable (Stream, String) -> Void

    /// - Parameter sink: receives text as it is to be written (lines end in `\n`) and its stream.
    public init(sink: @escaping @Sendable (Stream, String) -> Void) { self.sink = sink }

    /// stdout and stderr of this process.
    public static let standard = Console { stream, text in
        let handle = stream == .output ? FileHandle.standardOutput : FileHandle.standardError
        var text = text
        // Written from the string's own storage: `inspect`'s table of 20 000 files is 2 MB.
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            handle.write(
                Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }

    /// A result or progress line.
    public func info(_ line: String) { sink(.output, line + "\n") }

    /// Text written to the output as it is (an export, a JSON document ending in its own newline).
    public func write(_ text: String) { sink(.output, text) }

    /// A problem: one line, `tidemark: ` first.
    public func error(_ line: String) { sink(.error, "tidemark: " + line + "\n") }
}

/// The lines a console received, for tests and for commands that collect output.
public final class ConsoleRecording: Sendable {
    private let pieces = Mutex<[(Console.Stream, String)]>([])

    public init() {}

    /// A console that records here.
    public var console: Console {
        Console { [self] stream, text in
            pieces.withLock { $0.append((stream, text)) }
        }
    }

    /// Everything written to one stream.
    public func text(of stream: Console.Stream) -> String {
        pieces.withLock { $0.filter { $0.0 == stream }.map(\.1).joined() }
    }
}

/// One-line run summaries for the console.
enum Summary {
    static func line(for run: Run, output: String) -> String {
        let totals = run.totals
        return
            "Wrote \(output)/index.html: \(DisplayFormat.percent(totals.lineRate)) of \(totals.linesValid) lines "
            + "covered ("
            + components(of: run) + ")"
    }

    /// `python 98.6% lines, 87.0% branches; rust failed`: branches where the report measured them.
    static func components(of run: Run) -> String {
        run.components.map { component -> String in
            guard component.status == .measured, let counts = component.report?.totals else {
                return "\(component.name) \(component.status == .measured ? "no coverage" : "failed")"
            }
            let lines = "\(component.name) \(DisplayFormat.percent(counts.lineRate)) lines"
            guard counts.measuresBranches else { return lines }
            return lines + ", \(DisplayFormat.percent(counts.branchRate)) branches"
        }.joined(separator: "; ")
    }
}
