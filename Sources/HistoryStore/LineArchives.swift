import Concurrency
import CoverageModel
import Foundation

/// The line archives of a run's measured components (`ReportArchive.encode`), begun on other cores
/// when the value is made: `record` makes it before the history is opened, so the compression has
/// the idle core while the history is opened (and created, or migrated) and the run checked against
/// the latest, rather than starting after them.
public final class LineArchives: Sendable {
    /// The measured components' names, in the run's order.
    let names: [String]
    private let archives: Slots<Data>
    private let done = DispatchGroup()

    public init(_ run: Run) {
        let measured = run.components.compactMap { component in
            component.report.map { (component.name, $0, component.tests) }
        }
        names = measured.map(\.0)
        let archives = Slots<Data>(count: measured.count)
        self.archives = archives
        DispatchQueue.global().async(group: done) {
            for (index, entry) in measured.enumerated() {
                archives.set(index, ReportArchive.encode(entry.1, tests: entry.2))
            }
        }
    }

    /// Each measured component's name and archive, in the run's order, once all are made.
    func wait() -> [(name: String, archive: Data)] {
        done.wait()
        return names.indices.compactMap { index in archives.get(index).map { (names[index], $0) } }
    }
}
