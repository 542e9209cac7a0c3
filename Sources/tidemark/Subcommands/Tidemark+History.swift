import ArgumentParser
import CoverageModel
import Foundation
import HistoryStore
import SiteRenderer

extension Tidemark {
    /// `tidemark history …`: look at, move and trim the stored runs.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, export, import or prune the stored runs.",
            subcommands: [List.self, Export.self, Import.self, Prune.self])
    }
}

extension Tidemark.History {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every run: time, commit, components, line % and branch %.")

        @OptionGroup var historyOptions: HistoryOptions

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            let runs = try HistoryCommand.load(historyOptions, includingFiles: false)
            if json {
                print(HistoryListing.json(runs), terminator: "")
            } else {
                print(HistoryListing.table(runs), terminator: "")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every run as JSON Lines (one run per line, oldest first) to stdout or --to FILE.")

        @OptionGroup var historyOptions: HistoryOptions

        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE"))
        var to: String?

        func run() throws {
            let text = HistoryExchange.export(try HistoryCommand.load(historyOptions, includingFiles: true))
            guard let to else {
                print(text, terminator: "")
                return
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: to), options: .atomic)
            } catch {
                Console.error("\(to): cannot write: \(error.localizedDescription)")
                throw ExitStatus.inputError
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge runs from a JSON Lines export; runs already present (by id) are skipped.")

        @OptionGroup var historyOptions: HistoryOptions

        @Argument(help: ArgumentHelp("A file written by 'tidemark history export'.", valueName: "FILE"))
        var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot read the file")
                throw ExitStatus.inputError
            }
            let store = try historyOptions.open()
            do {
                let runs = try HistoryExchange.parse(String(decoding: data, as: UTF8.self), path: file)
                let added = try store.importRuns(runs)
                Console.info("Imported \(added) of \(runs.count) run(s) into \(historyOptions.path()); \(runs.count - added) were already there.")
            } catch {
                Console.error(error.description)
                throw ExitStatus.inputError
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove old runs.")

        @OptionGroup var historyOptions: HistoryOptions

        @Option(help: ArgumentHelp("Keep only the newest N runs.", valueName: "N"))
        var keep: Int?

        @Option(help: ArgumentHelp("Remove runs older than this many days.", valueName: "DAYS"))
        var olderThan: Int?

        @Option(help: ArgumentHelp("The time 'older than' counts from (ISO 8601; default now).", valueName: "TIME"))
        var now: String?

        func validate() throws {
            if keep == nil && olderThan == nil { throw ValidationError("Give --keep N and/or --older-than DAYS.") }
            if let keep, keep < 0 { throw ValidationError("--keep must be 0 or more.") }
            if let olderThan, olderThan < 0 { throw ValidationError("--older-than must be 0 or more days.") }
            if let now, ISO8601.date(from: now) == nil { throw ValidationError("--now '\(now)' is not ISO 8601.") }
        }

        func run() throws {
            let reference = now.flatMap(ISO8601.date(from:)) ?? Date()
            let cutoff = olderThan.map { reference.addingTimeInterval(-Double($0) * 86_400) }
            let store = try historyOptions.open()
            do {
                let removed = try store.prune(keep: keep, olderThan: cutoff)
                Console.info("Removed \(removed) run(s) from \(historyOptions.path()).")
            } catch {
                Console.error(error.description)
                throw ExitStatus.inputError
            }
        }
    }
}

enum HistoryCommand {
    static func load(_ options: HistoryOptions, includingFiles: Bool) throws -> [RunSummary] {
        let store = try options.open()
        do {
            return try store.runs(includingFiles: includingFiles)
        } catch {
            Console.error(error.description)
            throw ExitStatus.inputError
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
            text += "\(ISO8601.string(from: run.time))  \(commit.padded(12))  line \(DisplayFormat.percent(totals.lineRate).padded(6))"
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
                    ("linesValid", "\(component.counts.linesValid)"), ("linesCovered", "\(component.counts.linesCovered)"),
                    ("branchesValid", "\(component.counts.branchesValid)"),
                    ("branchesCovered", "\(component.counts.branchesCovered)"),
                ])
            }
            return "  " + JSONText.object([
                ("id", JSONText.string(run.id)), ("time", JSONText.string(ISO8601.string(from: run.time))),
                ("commit", JSONText.string(run.source.commit)), ("branch", JSONText.string(run.source.branch)),
                ("lineRate", JSONText.rate(run.totals.lineRate)), ("branchRate", JSONText.rate(run.totals.branchRate)),
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
