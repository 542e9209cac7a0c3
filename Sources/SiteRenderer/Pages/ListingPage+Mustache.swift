import Mustache

// Fields named directly for swift-mustache instead of Mirror reflection (see FilePage+Mustache).

extension ListingPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "root": root
        case "component": component
        case "pathText": pathText
        case "crumbs": crumbs
        case "totals": totals
        case "sparkline": sparkline
        case "isWorstFirst": isWorstFirst
        case "byPathLink": byPathLink
        case "worstFirstLink": worstFirstLink
        case "entries": entries
        case "hasEntries": hasEntries
        default: nil
        }
    }
}

extension ListingPage.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "link": link
        case "isDirectory": isDirectory
        case "linesText": linesText
        case "missedText": missedText
        case "lineRateText": lineRateText
        case "lineRateValue": lineRateValue
        case "lineLevel": lineLevel
        case "branchesText": branchesText
        case "branchRateText": branchRateText
        case "sparkline": sparkline
        default: nil
        }
    }
}

extension ListingPage.Crumb: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "link": link
        default: nil
        }
    }
}

extension CountsText: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "linesText": linesText
        case "missedText": missedText
        case "lineRateText": lineRateText
        case "lineRateValue": lineRateValue
        case "lineLevel": lineLevel
        case "branchesText": branchesText
        case "branchRateText": branchRateText
        case "branchLevel": branchLevel
        default: nil
        }
    }
}
