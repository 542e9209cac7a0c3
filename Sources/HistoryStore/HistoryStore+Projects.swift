import Foundation

/// Which project a command means: `--project`, `TIDEMARK_PROJECT` or `project` in tidemark.toml
/// (explicit), else a name found from the checkout (detected).
public struct ProjectChoice: Sendable, Equatable {
    public var name: String
    /// Given by the user. A detected name gives way, in an SQLite history holding exactly one
    /// project, to that project: a history of one repository reads as it always did, whatever
    /// folder it is opened from. A shared PostgreSQL history always uses the name.
    public var isExplicit: Bool

    public init(name: String = ProjectChoice.fallbackName, isExplicit: Bool = false) {
        self.name = name
        self.isExplicit = isExplicit
    }

    /// The name of a project when nothing better is known.
    public static let fallbackName = "default"

    /// Letters, digits, `.`, `_` and `-`, at most 100, not starting with a dot: a project's name is a
    /// folder of the all-projects site (`p/NAME/`).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 100 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
            }
    }

    /// `text` made into a valid name: other characters become `-`, leading dots go; empty is the fallback.
    public static func sanitized(_ text: String) -> String {
        let mapped = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.isASCII
                        && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                        ? scalar : "-"
                }))
        let trimmed = String(mapped.drop { $0 == "." }.prefix(100))
        return trimmed.isEmpty ? fallbackName : trimmed
    }
}

/// A project of a history, as listed by `history projects` and the all-projects index.
public struct ProjectSummary: Sendable, Equatable {
    public let name: String
    public let runCount: Int
    /// The newest run's time, or nil for a project without runs.
    public let latestRunTime: Date?
    /// Counts the changes to the project's runs: equal revisions mean nothing changed.
    public let revision: Int
}

extension HistoryStore {
    /// Every project of the history, by name.
    public func projects() throws(HistoryError) -> [ProjectSummary] {
        var result: [ProjectSummary] = []
        try database.prepare(
            """
            SELECT projects.name, count(runs.id), max(runs.time), projects.revision
            FROM projects LEFT JOIN runs ON runs.project_id = projects.id
            GROUP BY projects.id, projects.name, projects.revision ORDER BY projects.name
            """
        ).query { row throws(HistoryError) in
            result.append(
                ProjectSummary(
                    name: row.text(0), runCount: row.int(1),
                    latestRunTime: row.isNull(2)
                        ? nil : try storedTime(row.int(2), of: "a run of project \(row.text(0))"),
                    revision: row.int(3)))
        }
        return result
    }

    /// The same history for another project, on this store's connection (inside its snapshot).
    public func forProject(_ name: String) throws(HistoryError) -> HistoryStore {
        try HistoryStore(sharing: self, project: name)
    }

    /// The project a choice means in this database, with its row id when it has one.
    static func resolve(_ choice: ProjectChoice, in database: any DatabaseConnection)
        throws(HistoryError) -> (name: String, id: Int64?)
    {
        var name = choice.name
        if !choice.isExplicit, database.dialect == .sqlite {
            var names: [String] = []
            try database.prepare("SELECT name FROM projects ORDER BY name LIMIT 2").query { row in
                names.append(row.text(0))
            }
            if names.count == 1 { name = names[0] }
        }
        return (name, try database.prepare("SELECT id FROM projects WHERE name = ?").integer([.text(name)]))
    }

    /// Runs `body` in one write transaction on the project: its row is added when it has none, then
    /// locked (its revision counted up), so writers of one project queue here and each sees what the
    /// one before it committed. Writers of other projects go on.
    /// - Parameter kind: `.write`, or `.append` for a body that only adds rows (`TransactionKind`).
    func writeToProject<T>(_ kind: TransactionKind = .write, _ body: (_ project: Int64) throws(HistoryError) -> T)
        throws(HistoryError) -> T
    {
        let known = projectID
        do {
            return try database.transaction(kind) { () throws(HistoryError) -> T in
                if projectID == nil {
                    try database.prepare("INSERT INTO projects (name) VALUES (?) ON CONFLICT (name) DO NOTHING")
                        .run([.text(project)])
                    projectID = try database.prepare("SELECT id FROM projects WHERE name = ?").integer([.text(project)])
                }
                guard let id = projectID else {
                    throw .io(path: path, message: "the project '\(project)' could not be added")
                }
                try database.prepare("UPDATE projects SET revision = revision + 1 WHERE id = ?").run([.integer(id)])
                return try body(id)
            }
        } catch {
            // A project row added by a transaction that rolled back is not there.
            projectID = known
            throw error
        }
    }
}
