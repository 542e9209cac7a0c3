import CoverageAnalysis
import CoverageModel
import Formatting
import Foundation
import HistoryStore

extension StatusReport {
    /// `status`: where each component stands, from the history alone, as text or JSON on the console.
    public static func show(_ settings: Settings, json: Bool, console: Console) throws(CommandExit) {
        let store = try Pipeline.openHistory(settings, access: .readOnly, console: console)
        do {
            let runs = try store.runs(filesForLatest: 2)
            guard let latest = runs.last else {
                console.info(json ? "{\"components\": []}" : "No runs recorded yet in \(settings.historyLabel).")
                return
            }
            let report = StatusReport(
                runs: runs, active: ActiveAlerts.of(runs, settings: settings), thresholds: settings.thresholds,
                defaults: settings.defaults)
            let color = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let text = json ? report.json(latest: latest) : report.text(latest: latest, color: color)
            console.write(text)
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }
}

/// The figures `status` shows for each component of the latest run.
public struct StatusReport {
    struct Row {
        let name: String
        let component: ComponentSummary
        let target: Double?
        let delta: RunDelta
        let trend: String
        let alerts: [Alert]
        let time: Date
    }

    let rows: [Row]

    init(runs: [RunSummary], active: [Alert], thresholds: [String: Thresholds], defaults: Thresholds) {
        guard let latest = runs.last else {
            rows = []
            return
        }
        rows = latest.components.map { component in
            let series = ComponentSeries.of(component.name, in: runs).entries.compactMap { $0.counts?.lineRate }
            return Row(
                name: component.name, component: component,
                target: (thresholds[component.name] ?? defaults).lineTarget,
                delta: RunDelta.sinceLastMeasured(component, in: runs.dropLast()), trend: Self.trend(series),
                alerts: active.filter { $0.component == component.name }, time: latest.time)
        }
    }

    /// Rising, falling or steady over the last five measured runs.
    static func trend(_ rates: [Double]) -> String {
        let recent = rates.suffix(5)
        guard let first = recent.first, let last = recent.last, recent.count >= 2 else { return "new" }
        let change = (last - first) * 100
        return change > 0.5 ? "rising" : change < -0.5 ? "falling" : "steady"
    }

    func text(latest: RunSummary, color: Bool) -> String {
        var out = "Last run \(ISO8601.string(from: latest.time))"
        if let commit = latest.source.commit { out += " · commit \(DisplayFormat.commit(commit))" }
        out += "\n"
        for row in rows {
            let counts = row.component.counts
            out += "\n\(row.name)"
            guard row.component.status == .measured else {
                out += "  measurement failed: \(row.component.status.reason ?? "")\n"
                appendAlerts(row, to: &out, color: color)
                continue
            }
            out +=
                "  " + Self.bar(counts.lineRate, target: row.target)
                + "  lines \(DisplayFormat.percent(counts.lineRate))"
            if let target = row.target { out += " / target \(DisplayFormat.percent(target))" }
            out += "  \(DisplayFormat.delta(row.delta.linePoints))  \(row.trend)\n"
            if counts.measuresBranches {
                out +=
                    "  branches \(DisplayFormat.percent(counts.branchRate))  "
                    + "\(DisplayFormat.delta(row.delta.branchPoints))\n"
            }
            if let tests = row.component.tests { out += "  \(DisplayFormat.tests(tests))\n" }
            appendAlerts(row, to: &out, color: color)
        }
        return out
    }

    private func appendAlerts(_ row: Row, to out: inout String, color: Bool) {
        for alert in row.alerts { out += "  " + AlertDispatcher.line(alert, color: color) + "\n" }
    }

    /// `[##########----------]` with a `|` at the target.
    static func bar(_ rate: Double?, target: Double?, width: Int = 20) -> String {
        let filled = Int(((rate ?? 0) * Double(width)).rounded(.down))
        var cells = Array(repeating: Character("-"), count: width)
        for index in 0..<min(filled, width) { cells[index] = "#" }
        if let target { cells[min(width - 1, max(0, Int((target * Double(width)).rounded()) - 1))] = "|" }
        return "[" + String(cells) + "]"
    }

    func json(latest: RunSummary) -> String {
        let components = rows.map { row -> String in
            let counts = row.component.counts
            return "    "
                + JSONText.object([
                    ("name", JSONText.string(row.name)), ("status", JSONText.string(row.component.status.name)),
                    ("lineRate", JSONText.rate(counts.lineRate)), ("branchRate", JSONText.rate(counts.branchRate)),
                    ("lineTarget", JSONText.rate(row.target)), ("lineDelta", JSONText.rate(row.delta.linePoints)),
                    ("branchDelta", JSONText.rate(row.delta.branchPoints)), ("trend", JSONText.string(row.trend)),
                    ("testErrors", "\((row.component.tests?.errors ?? 0) + (row.component.tests?.failures ?? 0))"),
                    ("collectionErrors", "\(row.component.tests?.collectionErrors ?? 0)"),
                    (
                        "alerts",
                        "["
                            + row.alerts.map {
                                JSONText.object([
                                    ("kind", JSONText.string($0.kind.rawValue)),
                                    ("severity", JSONText.string($0.severity.rawValue)),
                                    ("message", JSONText.string($0.message)),
                                ])
                            }.joined(separator: ", ") + "]"
                    ),
                ])
        }
        return
            "{\n  \"time\": \(JSONText.string(ISO8601.string(from: latest.time))),\n"
            + "  \"commit\": \(JSONText.string(latest.source.commit)),\n"
            + "  \"components\": [\n" + components.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
