import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import SiteRenderer

/// Recent rates against a reference that sums every run's files by folder name: runs with the
/// newest run's files (summed by position) and runs with other files (by name) give the same rates.
struct RecentRatesTests {
    @Test(
        "Rates of files, folders and the component match a sum by name, whichever files each run has", arguments: 1...40
    )
    func matchesReference(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let newest = Self.paths(&random)
        var history: [RunSummary] = []
        for index in 0..<Int.random(in: 1...6, using: &random) {
            var paths = newest
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where paths.count > 1: paths.remove(at: Int.random(in: 0..<paths.count, using: &random))
            case 1: paths = (paths + ["extra/\(index).py"]).sorted()
            case 2 where !paths.isEmpty: paths[Int.random(in: 0..<paths.count, using: &random)] = "renamed/\(index).py"
            default: break
            }
            history.append(Self.run(index, paths: paths, using: &random))
        }
        history.append(Self.run(history.count, paths: newest, using: &random))
        let rates = RecentRates(component: "py", history: history)
        let expected = Self.reference(history)
        for (path, values) in expected { #expect(rates.rates(of: path) == values, "\(path), seed \(seed)") }
        #expect(rates.rates(of: "not/a/path.py").isEmpty)
        // By position: the same slot as by name, also at a position of another file, or past the end.
        for (position, path) in (newest + ["not/a/path.py"]).enumerated() {
            for guess in [position, newest.count - 1 - position, newest.count + 3] {
                #expect(rates.slot(of: path, newest: guess) == rates.slot(of: path), "\(path) at \(guess)")
            }
        }
    }

    @Test("A file whose path is also a folder's shows the folder's rate, as before")
    func fileNamedLikeFolder() {
        var random = SeededRandom(seed: 7)
        let history = [
            Self.run(0, paths: ["a", "a/b.py", "/abs/c.py"], using: &random),
            Self.run(1, paths: ["a", "a/b.py", "/abs/c.py"], using: &random),
        ]
        let rates = RecentRates(component: "py", history: history)
        for (path, values) in Self.reference(history) { #expect(rates.rates(of: path) == values, "\(path)") }
    }

    /// Sorted paths in nested folders, some absolute, some with an empty folder name.
    private static func paths(_ random: inout SeededRandom) -> [String] {
        let folders = ["", "src", "src/pkg", "src/pkg/sub", "/abs/lib", "tests", "a//b"]
        var paths: Set<String> = []
        for index in 0..<Int.random(in: 1...30, using: &random) {
            let folder = folders[Int.random(in: 0..<folders.count, using: &random)]
            paths.insert(folder.isEmpty ? "f\(index).py" : "\(folder)/f\(index).py")
        }
        return paths.sorted()
    }

    private static func run(_ index: Int, paths: [String], using random: inout SeededRandom) -> RunSummary {
        let files = paths.map { path in
            let valid = Int.random(in: 0...4, using: &random)
            return FileSummary(
                path: path, counts: Counts(linesValid: valid, linesCovered: Int.random(in: 0...valid, using: &random)))
        }
        return RunSummary(
            id: "r\(index)", time: Date(timeIntervalSince1970: Double(index)), source: RunSource(),
            components: [
                ComponentSummary(
                    name: "py", producer: .coveragePy, status: .measured, counts: files.map(\.counts).total(),
                    tests: nil, contentHash: "", files: files)
            ])
    }

    /// Each newest path's rates per change of the component, by summing each run's files into
    /// every folder above them by name.
    private static func reference(_ history: [RunSummary]) -> [String: [Double?]] {
        var runs: [[FileSummary]] = []
        for run in history {
            let files = run.component(named: "py")?.files ?? []
            if !files.isEmpty, runs.last != files { runs.append(files) }
        }
        guard let newest = runs.last else { return [:] }
        func folders(of path: String) -> [String] {
            var result: [String] = []
            var directory = Substring(path)
            while let slash = directory.lastIndex(of: "/") {
                directory = directory[..<slash]
                let trimmed = directory.hasPrefix("/") ? directory.dropFirst() : directory
                if !trimmed.isEmpty { result.append(String(trimmed)) }
            }
            return result
        }
        let tracked = Set(newest.map(\.path) + newest.flatMap { folders(of: $0.path) } + [""])
        var result = Dictionary(uniqueKeysWithValues: tracked.map { ($0, [Double?]()) })
        for files in runs {
            var rates: [String: Double?] = [:]
            var sums: [String: Counts] = [:]
            for file in files {
                rates[file.path] = file.counts.lineRate
                for folder in folders(of: file.path) { sums[folder, default: .zero] += file.counts }
            }
            for (folder, counts) in sums { rates[folder] = counts.lineRate }
            rates[""] = files.map(\.counts).total().lineRate
            for path in tracked { result[path]?.append(rates[path] ?? nil) }
        }
        return result
    }
}
