import Templating

/// A page model that hands templates its fields directly: the models with thousands of rows (listing
/// entries, file sections, history runs), where reflection would cost more than the page itself.
protocol TemplateModel {
    var templateValue: TemplateValue { get }
}

extension TemplateValue {
    /// Any page model as template data: stored properties by name through reflection, strings as
    /// text, integers in plain digits, arrays as lists, a missing optional as false.
    static func reflecting(_ value: Any) -> TemplateValue {
        switch value {
        case let model as any TemplateModel: return model.templateValue
        case let text as String: return .text(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .text(String(number))
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional: return mirror.children.first.map { reflecting($0.value) } ?? .bool(false)
        case .collection, .set: return .list(mirror.children.map { reflecting($0.value) })
        default:
            var fields: [(String, TemplateValue)] = []
            for child in mirror.children {
                if let label = child.label { fields.append((label, reflecting(child.value))) }
            }
            return .object(TemplateObject(fields))
        }
    }
}

extension CountsText: TemplateModel {
    var templateValue: TemplateValue {
        .object([
            "linesText": .text(linesText), "missedText": .text(missedText), "lineRateText": .text(lineRateText),
            "lineMeter": .text(lineMeter), "lineLevel": .text(lineLevel), "branchesText": .text(branchesText),
            "branchRateText": .text(branchRateText), "branchLevel": .text(branchLevel),
            "hasBranches": .bool(hasBranches),
        ])
    }
}

extension HistoryPage: TemplateModel {
    var templateValue: TemplateValue {
        .object([
            "hasRunTime": .bool(hasRunTime), "title": .text(title), "root": .text(root),
            "componentNames": .list(componentNames.map(TemplateValue.text)), "runCountText": .text(runCountText),
            "runTimeText": .text(runTimeText), "downloadLink": .text(downloadLink),
            "downloadSizeText": .text(downloadSizeText), "hasDownload": .bool(hasDownload),
            "hasBackfill": .bool(hasBackfill),
            "rows": .list(
                rows.map { row in
                    .object([
                        "timeText": .text(row.timeText), "isBackfill": .bool(row.isBackfill),
                        "commitText": .text(row.commitText), "branchText": .text(row.branchText),
                        "buildLink": .text(row.buildLink), "hasBuildLink": .bool(row.hasBuildLink),
                        "lineRateText": .text(row.lineRateText), "branchRateText": .text(row.branchRateText),
                        "cells": .list(
                            row.cells.map { .object(["text": .text($0.text), "isProblem": .bool($0.isProblem)]) }),
                        "hasFailure": .bool(row.hasFailure),
                    ])
                }),
        ])
    }
}
