import Mustache

// Fields named directly for swift-mustache instead of Mirror reflection: the history page has one row
// per run (10 000 rows took ~3 s through reflection).

extension HistoryPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "timeText": timeText
        case "commitText": commitText
        case "branchText": branchText
        case "buildLink": buildLink
        case "hasBuildLink": hasBuildLink
        case "lineRateText": lineRateText
        case "branchRateText": branchRateText
        case "cells": cells
        case "hasFailure": hasFailure
        default: nil
        }
    }
}

extension HistoryPage.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "isProblem": isProblem
        default: nil
        }
    }
}
