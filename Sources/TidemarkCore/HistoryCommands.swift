import CoverageModel
import Formatting
import Foundation
import HistoryStore

/// `history list`, `export`, `import` and `prune`: look at, move and trim the stored runs.
public enum HistoryCommands {
    /// Every run, as a table or as JSON.
    public static func list(_ settings: Settings, json: Bool, console: Console) throws(CommandExit) {
        let runs = try load(settings, includingFiles: false, console: console)
        console.write(json ? HistoryListing.json(runs) : HistoryListing.table(runs))
    }

    /// Every run as JSON Lines, to the console or to `file`.
    public static func export(_ settings: Settings, to file: String?, console: Console) throws(CommandExit) {
        let text = HistoryExchange.export(try load(settings, includingFiles: true, console: console))
        guard let file else { return console.write(text) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            console.error("\(file): cannot write: \(error.localizedDescription)")
            throw CommandExit(.inputError)
        }
    }

    /// Merges the runs of an export (JSON Lines, or a site's gzip-compressed `history.jsonl.gz`);
    /// runs already present (by id) are skipped.
    public static func importRuns(from file: String, into settings: Settings, console: Console) throws(CommandExit) {
        guard let data = FileManager.default.contents(atPath: file) else {
            console.error("\(file): cannot read the file")
            throw CommandExit(.inputError)
        }
        // Every run is checked before the history is opened: a refused file leaves no trace.
        let runs: [RunSummary]
        do {
            runs = try HistorySource.runs(in: [UInt8](data), name: file)
        } catch {
            console.error(error.located ? error.reason : "\(file): \(error.reason)")
            throw CommandExit(.inputError)
        }
        let store = try Pipeline.openHistory(settings, console: console)
        do {
            let added = try store.importRuns(runs)
            console.info(
                "Imported \(added) of \(runs.count) run(s) into \(settings.historyLabel); \(runs.count - added) were "
                    + "already there."
            )
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }

    /// Removes all but the newest `keep` runs and/or those older than `cutoff`.
    public static func prune(_ settings: Settings, keep: Int?, olderThan cutoff: Date?, console: Console)
        throws(CommandExit)
    {
        let store = try Pipeline.openHistory(settings, console: console)
        do {
            let removed = try store.prune(keep: keep, olderThan: cutoff)
            console.info("Removed \(removed) run(s) from \(settings.historyLabel).")
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }

    private static func load(_ settings: Settings, includingFiles: Bool, console: Console) throws(CommandExit)
        -> [RunSummary]
    {
        let store = try Pipeline.openHistory(settings, access: .readOnly, console: console)
        do {
            return try store.runs(includingFiles: includingFiles)
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }
}

/// The text and JSON forms of `history list`.
enum HistoryListing {
    static func table(_ runs: [RunSummary]) -> String {
        guard !runs.isEmpty else { return "No runs recorded yet.\n" }
        var text = ""
        for run in runs {
            let totals = run.totals
            let commit = run.source.commit.map(DisplayFormat.commit) ?? "-"
            let components = run.components.map { component in
                component.status == .measured
                    ? "\(component.name) \(DisplayFormat.percent(component.counts.lineRate))"
                    : "\(component.name) failed"
            }.joined(separator: ", ")
            text +=
                "\(ISO8601.string(from: run.time))  \(commit.padded(12))  "
                + "line \(DisplayFormat.percent(totals.lineRate).padded(6))"
            text += "  branch \(DisplayFormat.percent(totals.branchRate).padded(6))  \(components)\n"
        }
        return text
    }

    /// `[{"id", "time", "commit", "branch", "lineRate", "branchRate", "components": [{"name", "status",
    /// "linesValid", "linesCovered", "branchesValid", "branchesCovered"}]}, …]`, oldest first.
    static func json(_ runs: [RunSummary]) -> String {
        let entries = runs.map { run -> String in
            let components = run.components.map { component in
                JSONText.object([
                    ("name", JSONText.string(component.name)), ("status", JSONText.string(component.status.name)),
                    ("linesValid", "\(component.counts.linesValid)"),
                    ("linesCovered", "\(component.counts.linesCovered)"),
                    ("branchesValid", "\(component.counts.branchesValid)"),
                    ("branchesCovered", "\(component.counts.branchesCovered)"),
                ])
            }
            return "  "
                + JSONText.object([
                    ("id", JSONText.string(run.id)), ("time", JSONText.string(ISO8601.string(from: run.time))),
                    ("commit", JSONText.string(run.source.commit)), ("branch", JSONText.string(run.source.branch)),
                    ("lineRate", JSONText.rate(run.totals.lineRate)),
                    ("branchRate", JSONText.rate(run.totals.branchRate)),
                    ("components", "[" + components.joined(separator: ", ") + "]"),
                ])
        }
        return entries.isEmpty ? "[]\n" : "[\n" + entries.joined(separator: ",\n") + "\n]\n"
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension HistoryCommands {
    /// `history copy`: every project of one history into another, SQLite or PostgreSQL either way.
    /// Runs keep their ids; runs already there are skipped, so copying again adds nothing.
    public static func copy(from: String, to: String, console: Console) throws(CommandExit) {
        let source = HistoryLocation(from)
        let destination = HistoryLocation(to)
        guard source != destination else {
            console.error("history copy: --from and --to name the same history (\(source.display))")
            throw CommandExit(.usage)
        }
        do {
            let reader = try HistoryStore(location: source, project: ProjectChoice(), access: .readOnly)
            let writer = try HistoryStore(location: destination, project: ProjectChoice())
            let copied = try writer.copyProjects(from: reader)
            for project in copied {
                console.info("\(project.project): \(project.added) run(s) copied, \(project.present) already there")
            }
            console.info(
                "Copied \(copied.reduce(0) { $0 + $1.added }) run(s) of \(copied.count) project(s) "
                    + "from \(source.display) "
                    + "to \(destination.display).")
        } catch let error as HistoryError {
            console.error(error.description)
            throw CommandExit(.inputError)
        } catch {
            console.error("history copy: \(error)")
            throw CommandExit(.inputError)
        }
    }

    /// `history projects`: the projects of a history, with their run counts and last run times.
    public static func projects(_ settings: Settings, json: Bool, console: Console) throws(CommandExit) {
        let store = try Pipeline.openHistory(settings, access: .readOnly, console: console)
        do {
            let projects = try store.projects()
            if json {
                let entries = projects.map { project in
                    "  "
                        + JSONText.object([
                            ("name", JSONText.string(project.name)), ("runs", "\(project.runCount)"),
                            ("lastRun", JSONText.string(project.latestRunTime.map(ISO8601.string(from:)))),
                        ])
                }
                console.write(entries.isEmpty ? "[]\n" : "[\n" + entries.joined(separator: ",\n") + "\n]\n")
            } else if projects.isEmpty {
                console.info("No projects in \(store.path) yet.")
            } else {
                for project in projects {
                    let time = project.latestRunTime.map(ISO8601.string(from:)) ?? "no runs"
                    console.info("\(project.name)  \(project.runCount) run(s)  last \(time)")
                }
            }
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }
}
