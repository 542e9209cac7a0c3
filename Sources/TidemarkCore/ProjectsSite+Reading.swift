import Concurrency
import CoverageModel
import HistoryStore
import SiteRenderer

extension ProjectsSite {
    /// The lines of the index of the projects whose pages are kept but whose line must be read
    /// again, by name: each from the project's runs with the files of its two newest runs (the
    /// index shows which alerts hold, not since when; that is all the rules need).
    ///
    /// On PostgreSQL a second connection in the same snapshot reads every other project, and works
    /// out its line, while this one does the rest: a read is half the server's work, a line is the
    /// alert rules over every run, and the two cores share both. With every project read (an index
    /// without `projects.json`, 200 projects of 1 000 runs), 2.6 s became 1.75 s with the reads
    /// shared, and 1.4 s (`bench-postgres.sh`) with the lines too. SQLite has no second connection
    /// in the same snapshot: it reads them in turn.
    static func lines(of projects: [ProjectSummary], from store: HistoryStore, settings: Settings) throws
        -> [String: ProjectOverview]
    {
        let alongside = store.sharesSnapshot && projects.count > 1
        let openReader = store.snapshotReader()
        let others = stride(from: 1, to: projects.count, by: 2).map { projects[$0] }
        let second =
            alongside
            ? Background {
                Result { () throws(HistoryError) -> [ProjectOverview] in
                    let reader = try openReader()
                    return try others.map { project throws(HistoryError) in
                        overview(
                            project, runs: try reader.forProject(project.name).runs(filesForLatest: 2),
                            settings: settings)
                    }
                }
            } : nil
        var lines: [String: ProjectOverview] = [:]
        for (index, project) in projects.enumerated() where !alongside || index % 2 == 0 {
            lines[project.name] = overview(
                project, runs: try store.forProject(project.name).runs(filesForLatest: 2), settings: settings)
        }
        if let second {
            for (project, line) in zip(others, try second.value.get()) { lines[project.name] = line }
        }
        return lines
    }
}
