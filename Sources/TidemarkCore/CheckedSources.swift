import CoverageModel
import SiteRenderer

/// Source checks made before the pages are drawn, by a thread that would otherwise wait, handed to
/// the page jobs, which check only the files left.
///
/// In a render of one project, the render's thread reads the history while another decodes the
/// newest run and builds its folder trees; the pages wait for the trees. In a 20 000-file cron tick
/// the render's thread waited 7–50 ms for them, and the page jobs then made 20 000 `fstatat` calls.
/// Checking them in that wait (19 ms of them, median of 20 ticks) made the page jobs 5–9 ms shorter
/// and the tick 4–6 ms shorter (the trees, on the other core, finish a little later). Each file is
/// checked once either way, by `SourceReader`, so a page's `SourceText` is the same whoever checked it.
struct CheckedSources: SourceLocator {
    private let reader: SourceReader
    /// Per component, each file's key and, when it was checked, its result, by its place in the
    /// component's report: looked up by place, not by key (a 20 000-file tick would hash 20 000
    /// keys in and out again; a string's hash costs several hundred instructions here).
    private let checked: [String: (keys: [String?], texts: [SourceText?])]

    /// Files checked per call of the reader (each call opens the folders it meets once).
    static let batch = 256

    /// Checks `run`'s files, component by component in name order, a batch at a time, for as long
    /// as `keepGoing` says.
    init(reader: SourceReader, run: Run, while keepGoing: () -> Bool) {
        self.reader = reader
        var checked: [String: (keys: [String?], texts: [SourceText?])] = [:]
        components: for component in run.components {
            guard let files = component.report?.files else { continue }
            var texts = [SourceText?](repeating: nil, count: files.count)
            defer { checked[component.name] = (files.indices.map { files[$0].key }, texts) }
            for start in stride(from: 0, to: files.count, by: Self.batch) {
                guard keepGoing() else { break components }
                let part = start..<min(start + Self.batch, files.count)
                let requests = part.map { SourceRequest(key: files[$0].key, name: files[$0].name) }
                for (place, text) in zip(part, reader.sources(component: component.name, files: requests)) {
                    texts[place] = text
                }
            }
        }
        self.checked = checked
    }

    func sources(component: String, files: [SourceRequest]) -> [SourceText] {
        reader.sources(component: component, files: files)
    }

    /// A file whose place holds a result for the same key takes it; the reader checks the rest
    /// (the files of a component drawn from an older run, for one, have other places).
    func sources(component: String, files: [SourceRequest], places: [Int]) -> [SourceText] {
        guard let known = checked[component], files.count == places.count else {
            return reader.sources(component: component, files: files)
        }
        var texts = files.indices.map { index -> SourceText? in
            let place = places[index]
            guard known.texts.indices.contains(place), known.keys[place] == files[index].key else { return nil }
            return known.texts[place]
        }
        let left = texts.indices.filter { texts[$0] == nil }
        if !left.isEmpty {
            for (index, text) in zip(left, reader.sources(component: component, files: left.map { files[$0] })) {
                texts[index] = text
            }
        }
        return texts.map { $0! }
    }

    func sourceRoot(component: String) -> String? { reader.sourceRoot(component: component) }
}
