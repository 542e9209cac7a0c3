import ArgumentParser
import CoverageModel
import Foundation
import TidemarkCore

extension Tidemark {
    /// `tidemark history …`: look at, move and trim the stored runs.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List, export, import, prune or copy the stored runs.",
            subcommands: [List.self, Export.self, Import.self, Prune.self, Copy.self, Projects.self])
    }
}

extension Tidemark.History {
    struct List: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List every run: time, commit, components, line % and branch %.")

        @OptionGroup var historyOptions: HistoryOptions

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        var flags: CommandFlags { historyFlags(historyOptions) }

        func run() throws {
            let settings = try settings(requireInputs: false)
            try perform { () throws(CommandExit) in
                try HistoryCommands.list(settings, json: json, console: .standard)
                return .success
            }
        }
    }

    struct Export: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every run as JSON Lines (one run per line, oldest first) to stdout or --to FILE.")

        @OptionGroup var historyOptions: HistoryOptions

        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE"))
        var to: String?

        var flags: CommandFlags { historyFlags(historyOptions) }

        func run() throws {
            let settings = try settings(requireInputs: false)
            try perform { () throws(CommandExit) in
                try HistoryCommands.export(settings, to: to, console: .standard)
                return .success
            }
        }
    }

    struct Import: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Merge runs from a JSON Lines export; runs already present (by id) are skipped.")

        @OptionGroup var historyOptions: HistoryOptions

        @Argument(help: ArgumentHelp("A file written by 'tidemark history export'.", valueName: "FILE"))
        var file: String

        var flags: CommandFlags { historyFlags(historyOptions) }

        func run() throws {
            let settings = try settings(requireInputs: false)
            try perform { () throws(CommandExit) in
                try HistoryCommands.importRuns(from: file, into: settings, console: .standard)
                return .success
            }
        }
    }

    struct Prune: TidemarkCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove old runs.")

        @OptionGroup var historyOptions: HistoryOptions

        @Option(help: ArgumentHelp("Keep only the newest N runs.", valueName: "N"))
        var keep: Int?

        @Option(help: ArgumentHelp("Remove runs older than this many days.", valueName: "DAYS"))
        var olderThan: Int?

        @Option(help: ArgumentHelp("The time 'older than' counts from (ISO 8601; default now).", valueName: "TIME"))
        var now: String?

        var flags: CommandFlags { historyFlags(historyOptions) }

        func validate() throws {
            if keep == nil && olderThan == nil { throw ValidationError("Give --keep N and/or --older-than DAYS.") }
            if let keep, keep < 0 { throw ValidationError("--keep must be 0 or more.") }
            if let olderThan, olderThan < 0 { throw ValidationError("--older-than must be 0 or more days.") }
            if let now, ISO8601.date(from: now) == nil { throw ValidationError("--now '\(now)' is not ISO 8601.") }
        }

        func run() throws {
            let settings = try settings(requireInputs: false)
            let reference = now.flatMap(ISO8601.date(from:)) ?? Date()
            let cutoff = olderThan.map { reference.addingTimeInterval(-Double($0) * 86_400) }
            try perform { () throws(CommandExit) in
                try HistoryCommands.prune(settings, keep: keep, olderThan: cutoff, console: .standard)
                return .success
            }
        }
    }
}

extension Tidemark.History {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract:
                "Copy every project of one history into another (SQLite or PostgreSQL, either way); runs keep their "
                + "ids, and copying again adds nothing.")

        @Option(
            help: ArgumentHelp("The history to read: an SQLite file or a postgresql:// URL.", valueName: "PATH|URL"))
        var from: String

        @Option(help: ArgumentHelp("The history to write, created when missing.", valueName: "PATH|URL"))
        var to: String

        func run() throws {
            do {
                try HistoryCommands.copy(from: from, to: to, console: .standard)
            } catch {
                throw ExitCode(error.status.rawValue)
            }
        }
    }

    struct Projects: TidemarkCommand {
        static let configuration = CommandConfiguration(
            commandName: "projects", abstract: "List the projects of the history, with their runs.")

        @OptionGroup var historyOptions: HistoryOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        var flags: CommandFlags { historyFlags(historyOptions) }

        func run() throws {
            let settings = try settings(requireInputs: false)
            try perform { () throws(CommandExit) in
                try HistoryCommands.projects(settings, json: json, console: .standard)
                return .success
            }
        }
    }
}

/// The flags of a `history` subcommand: only where the history is.
private func historyFlags(_ options: HistoryOptions) -> CommandFlags {
    var flags = CommandFlags()
    options.apply(to: &flags)
    return flags
}
