import CoverageModel
import Formatting
import Templating

/// What the colours and bars of a page mean: for each set of levels the page uses, the target and
/// the warning level of lines and branches, and whether they are the documented defaults.
struct LevelsLegend: Sendable, Hashable, TemplateModel {
    struct Metric: Sendable, Hashable {
        let name: String
        let targetText: String
        let warningText: String
        /// No amber band when the warning level equals the target.
        let hasBand: Bool
    }

    struct Row: Sendable, Hashable {
        /// The components this row applies to; empty when it applies to the whole page.
        let name: String
        let hasName: Bool
        let metrics: [Metric]
        let isDefault: Bool
    }

    let rows: [Row]

    /// - Parameter levels: each component's levels (and `Overall`'s), in page order; components with
    ///   the same levels share a row.
    init(_ levels: [(name: String, levels: CoverageLevels)]) {
        var groups: [(names: [String], levels: CoverageLevels)] = []
        for (name, value) in levels {
            if let index = groups.firstIndex(where: { $0.levels == value }) {
                groups[index].names.append(name)
            } else {
                groups.append(([name], value))
            }
        }
        rows = groups.map { group in
            let name = groups.count == 1 ? "" : group.names.joined(separator: ", ")
            return Row(
                name: name, hasName: !name.isEmpty,
                metrics: CoverageModel.Metric.allCases.map { metric in
                    let levels = group.levels[metric]
                    return Metric(
                        name: metric == .line ? "lines" : "branches", targetText: DisplayFormat.level(levels.target),
                        warningText: DisplayFormat.level(levels.warning), hasBand: levels.warning < levels.target)
                },
                isDefault: group.levels.line.isDefault || group.levels.branch.isDefault)
        }
    }

    /// The legend of one component's pages.
    init(component: String, levels: CoverageLevels) {
        self.init([(component, levels)])
    }

    var templateValue: TemplateValue {
        .object([
            "rows": .list(
                rows.map { row in
                    .object([
                        "name": .text(row.name), "hasName": .bool(row.hasName), "isDefault": .bool(row.isDefault),
                        "metrics": .list(
                            row.metrics.enumerated().map { index, metric in
                                .object([
                                    "name": .text(metric.name), "targetText": .text(metric.targetText),
                                    "warningText": .text(metric.warningText), "hasBand": .bool(metric.hasBand),
                                    "isFirst": .bool(index == 0),
                                ])
                            }),
                    ])
                })
        ])
    }
}

/// What every page of one component shows besides its own rows: the stale banner (when its latest
/// run failed) and the levels its colours follow.
struct ComponentLook: Sendable {
    let staleText: String
    let levels: CoverageLevels
    /// The fields every page of the component adds to its own, made once: the legend's strings and
    /// lists were made again for each of 20 000 file pages.
    let templateFields: [(String, TemplateValue)]

    init(staleText: String, levels: CoverageLevels) {
        self.staleText = staleText
        self.levels = levels
        templateFields = [
            ("staleText", .text(staleText)), ("isStale", .bool(!staleText.isEmpty)),
            ("levelsLegend", LevelsLegend(component: "", levels: levels).templateValue),
        ]
    }

    /// Both go into every page's fingerprint: a changed target or a new failure redraws the pages.
    func add(to key: inout PageKey) {
        key.add(staleText)
        for metric in CoverageModel.Metric.allCases {
            key.add(word: levels[metric].target.bitPattern)
            key.add(word: levels[metric].warning.bitPattern)
            key.add(word: levels[metric].isDefault ? 1 : 0)
        }
    }
}
