import Concurrency
import CoverageModel
import HistoryStore

extension ProjectsSite {
    /// The runs of the projects whose line of the index must be read again (their pages are kept),
    /// with the files of their two newest runs, by name.
    ///
    /// On PostgreSQL a second connection in the same snapshot reads every other project while this
    /// one reads the rest: each read is mostly the server's work, so the two cores share it. With
    /// every project read (an index without `projects.json`, 200 projects of 1 000 runs), 2.6 s
    /// became 1.75 s. SQLite has no second connection in the same snapshot: it reads them in turn.
    static func lines(of names: [String], from store: HistoryStore) throws -> [String: [RunSummary]] {
        let alongside = store.sharesSnapshot && names.count > 1
        let openReader = store.snapshotReader()
        let others = stride(from: 1, to: names.count, by: 2).map { names[$0] }
        let second =
            alongside
            ? Background {
                Result { () throws(HistoryError) -> [[RunSummary]] in
                    let reader = try openReader()
                    return try others.map { name throws(HistoryError) in
                        try reader.forProject(name).runs(filesForLatest: 2)
                    }
                }
            } : nil
        var runs: [String: [RunSummary]] = [:]
        for (index, name) in names.enumerated() where !alongside || index % 2 == 0 {
            runs[name] = try store.forProject(name).runs(filesForLatest: 2)
        }
        if let second {
            for (name, read) in zip(others, try second.value.get()) { runs[name] = read }
        }
        return runs
    }
}
