import CoverageAnalysis
import Foundation
import TOMLKit

/// Reads `tidemark.toml`, rejecting unknown keys and bad values with `FILE:LINE: message`.
enum ConfigurationLoader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let fileName = "tidemark.toml"
    private static let topKeys: Set<String> = [
        "output", "history", "project", "templates", "alert_log", "on_alert", "hook_timeout", "watch_interval",
        "defaults", "components",
    ]
    private static let thresholdKeys: Set<String> = [
        "line_target", "line_warning", "branch_target", "branch_warning", "drop_tolerance", "median_drop_tolerance",
        "median_window", "lines_valid_change",
    ]
    private static let componentKeys: Set<String> = thresholdKeys.union(["coverage", "junit", "source_root"])

    /// The configuration at `path`, or `./tidemark.toml` when it exists, or an empty one.
    static func load(explicit path: String?) throws(Failure) -> Configuration {
        let chosen = path ?? (FileManager.default.fileExists(atPath: fileName) ? fileName : nil)
        guard let chosen else { return Configuration() }
        guard let data = FileManager.default.contents(atPath: chosen) else {
            throw Failure(description: "\(chosen): cannot read the configuration file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Failure(description: "\(chosen):\(error.source.begin.line): \(error.description)")
        } catch {
            throw Failure(description: "\(chosen): \(error)")
        }
        return try read(table, lines: LineLocator(text: text), path: chosen)
    }

    private static func read(_ table: TOMLTable, lines: LineLocator, path: String) throws(Failure) -> Configuration {
        func fail(_ key: String, _ message: String) -> Failure {
            Failure(description: "\(path):\(lines.line(of: key)): \(message)")
        }
        var config = Configuration(path: path)
        for key in table.keys.sorted() where !topKeys.contains(key) {
            throw fail(key, "unknown key '\(key)' (known: \(topKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws(Failure) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string, !text.isEmpty else { throw fail(key, "'\(key)' must be a non-empty string") }
            return text
        }
        config.output = try string("output")
        config.history = try string("history")
        config.project = try string("project")
        config.templates = try string("templates")
        config.alertLog = try string("alert_log")
        config.onAlert = try string("on_alert")
        if let text = try string("watch_interval") {
            switch DurationText.watchInterval(text) {
            case .success(let seconds): config.watchInterval = seconds
            case .failure(let error): throw fail("watch_interval", "'watch_interval' \(error.message)")
            }
        }
        if let value = table["hook_timeout"] {
            guard let seconds = value.double ?? value.int.map(Double.init), seconds > 0, seconds <= 3600 else {
                throw fail("hook_timeout", "'hook_timeout' must be a number of seconds above 0 and at most 3600")
            }
            config.hookTimeout = seconds
        }
        if let value = table["defaults"] {
            guard let defaults = value.table else { throw fail("defaults", "[defaults] must be a table") }
            config.defaults = try thresholds(
                defaults, base: Thresholds(), section: "defaults", keys: thresholdKeys, fail: fail)
        }
        if let value = table["components"] {
            guard let components = value.table else {
                throw fail("components", "[components] must hold one table per component")
            }
            for name in components.keys.sorted() {
                guard let entry = components[name]?.table else {
                    throw fail("components.\(name)", "[components.\(name)] must be a table")
                }
                guard NamedPath.isValidName(name) else {
                    throw fail(
                        "components.\(name)", "component name '\(name)' may hold only letters, digits, '.', '_' and '-'"
                    )
                }
                var component = Configuration.Component(
                    name: name, coverage: nil, junit: nil, sourceRoot: nil,
                    thresholds: try thresholds(
                        entry, base: config.defaults, section: "components.\(name)", keys: componentKeys, fail: fail))
                for (key, target) in [
                    ("coverage", \Configuration.Component.coverage), ("junit", \.junit), ("source_root", \.sourceRoot),
                ] {
                    guard let value = entry[key] else { continue }
                    guard let text = value.string, !text.isEmpty else {
                        throw fail("components.\(name).\(key)", "'\(key)' must be a non-empty string")
                    }
                    component[keyPath: target] = text
                }
                config.components.append(component)
            }
        }
        return config
    }

    private static func thresholds(
        _ table: TOMLTable, base: Thresholds, section: String, keys: Set<String>, fail: (String, String) -> Failure
    ) throws(Failure) -> Thresholds {
        var result = base
        for key in table.keys.sorted() where !keys.contains(key) {
            throw fail(
                "\(section).\(key)",
                "unknown key '\(key)' in [\(section)] (known: \(keys.sorted().joined(separator: ", ")))")
        }
        func number(_ key: String, range: ClosedRange<Double>) throws(Failure) -> Double? {
            guard let value = table[key] else { return nil }
            guard let number = value.double ?? value.int.map(Double.init), range.contains(number) else {
                throw fail(
                    "\(section).\(key)",
                    "'\(key)' must be a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))")
            }
            return number
        }
        if let value = try number("line_target", range: 0...100) { result.lineTarget = value / 100 }
        if let value = try number("line_warning", range: 0...100) { result.lineWarning = value / 100 }
        if let value = try number("branch_target", range: 0...100) { result.branchTarget = value / 100 }
        if let value = try number("branch_warning", range: 0...100) { result.branchWarning = value / 100 }
        if let value = try number("drop_tolerance", range: 0...100) { result.dropTolerance = value }
        if let value = try number("median_drop_tolerance", range: 0...100) { result.medianDropTolerance = value }
        if let value = try number("median_window", range: 1...1000) { result.medianWindow = Int(value) }
        if let value = try number("lines_valid_change", range: 0...1000) { result.linesValidChange = value / 100 }
        if let target = result.lineTarget, let warning = result.lineWarning, warning > target {
            throw fail(
                "\(section).line_warning", "'line_warning' (\(warning * 100)) is above 'line_target' (\(target * 100))")
        }
        return result
    }
}

/// Finds the line of `table.key` in TOML text (TOMLKit keeps no positions for values).
struct LineLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                table = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).replacingOccurrences(
                    of: "\"", with: "")
                if lines[table] == nil { lines[table] = index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
            let full = table.isEmpty ? key : table + "." + key
            if lines[full] == nil { lines[full] = index + 1 }
        }
    }

    /// The line of a dotted key, else of its table, else 1.
    func line(of key: String) -> Int {
        var candidate = key
        while true {
            if let line = lines[candidate] { return line }
            guard let dot = candidate.lastIndex(of: ".") else { return 1 }
            candidate = String(candidate[..<dot])
        }
    }
}
