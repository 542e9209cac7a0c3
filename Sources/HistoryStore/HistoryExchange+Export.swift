import CoverageModel
import Formatting
import Foundation

extension HistoryExchange {
    /// The export text: one line per run, each ending in `\n`.
    public static func export(_ runs: [RunSummary]) -> String {
        var out: [UInt8] = []
        for run in runs { appendLine(run, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// One run as its export line (with its `\n`), keys in sorted order, appended as bytes: a
    /// 10 000-run history is tens of megabytes of JSON, written on every render that changed it.
    public static func appendLine(_ run: RunSummary, to out: inout [UInt8]) {
        var writer = ObjectWriter(out: out)
        out = []
        writer.key("branch")
        writer.string(run.source.branch)
        writer.key("buildURL")
        writer.string(run.source.buildURL)
        writer.key("commit")
        writer.string(run.source.commit)
        writer.key("components")
        writer.raw("[")
        for (index, component) in run.components.enumerated() {
            if index > 0 { writer.raw(",") }
            appendComponent(component, to: &writer)
        }
        writer.raw("]")
        writer.key("id")
        writer.string(run.id)
        writer.key("time")
        writer.string(ISO8601.string(from: run.time))
        writer.end()
        out = writer.out
        out.append(UInt8(ascii: "\n"))
    }

    private static func appendComponent(_ component: ComponentSummary, to writer: inout ObjectWriter) {
        writer.begin()
        let counts = component.counts
        writer.key("branchesCovered")
        writer.integer(counts.branchesCovered)
        writer.key("branchesValid")
        writer.integer(counts.branchesValid)
        writer.key("contentHash")
        writer.string(component.contentHash)
        writer.key("files")
        writer.raw("[")
        for (index, file) in component.files.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.file(file)
        }
        writer.raw("]")
        writer.key("linesCovered")
        writer.integer(counts.linesCovered)
        writer.key("linesValid")
        writer.integer(counts.linesValid)
        writer.key("name")
        writer.string(component.name)
        writer.key("producer")
        writer.string(component.producer?.rawValue)
        writer.key("reason")
        writer.string(component.status.reason)
        writer.key("status")
        writer.string(component.status.name)
        writer.key("tests")
        if let tests = component.tests {
            writer.begin()
            for (name, value) in [
                ("collectionErrors", tests.collectionErrors), ("errors", tests.errors), ("failures", tests.failures),
                ("passed", tests.passed), ("skipped", tests.skipped), ("tests", tests.tests),
            ] {
                writer.key(text: name)
                writer.integer(value)
            }
            writer.end()
        } else {
            writer.raw("null")
        }
        writer.end()
    }
}

/// Writes one JSON object after another into bytes, with the commas between members.
private struct ObjectWriter {
    var out: [UInt8]
    /// Whether the innermost open object has a member yet.
    private var hasMember: [Bool] = [false]

    init(out: [UInt8]) {
        self.out = out
        self.out.append(UInt8(ascii: "{"))
    }

    mutating func begin() {
        out.append(UInt8(ascii: "{"))
        hasMember.append(false)
    }

    mutating func end() {
        out.append(UInt8(ascii: "}"))
        hasMember.removeLast()
    }

    mutating func key(_ name: StaticString) {
        if hasMember[hasMember.count - 1] { out.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// A key that is not a literal, escaped. Labelled, so that literals take the `StaticString`
    /// form: unlabelled, every key of every file of a history download was escaped byte by byte.
    mutating func key(text name: String) {
        if hasMember[hasMember.count - 1] { out.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        JSONText.appendString(name, to: &out)
        out.append(UInt8(ascii: ":"))
    }

    mutating func string(_ value: String?) {
        if let value { JSONText.appendString(value, to: &out) } else { raw("null") }
    }

    mutating func integer(_ value: Int) { out.appendDecimal(value) }

    /// A file's object, the bytes `begin`, a `key` and value for each of its five members, and `end`
    /// would write, in one go: a history download writes one for each file of each run it rewrites
    /// (20 000 a run for a large project).
    mutating func file(_ file: FileSummary) {
        raw(#"{"branchesCovered":"#)
        integer(file.counts.branchesCovered)
        raw(#","branchesValid":"#)
        integer(file.counts.branchesValid)
        raw(#","linesCovered":"#)
        integer(file.counts.linesCovered)
        raw(#","linesValid":"#)
        integer(file.counts.linesValid)
        raw(#","path":"#)
        string(file.path)
        raw("}")
    }

    mutating func raw(_ text: StaticString) { text.withUTF8Buffer { out.append(contentsOf: $0) } }
}
