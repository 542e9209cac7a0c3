import Foundation
import TestSupport
import Testing

@testable import HistoryStore

/// The ids of a run's paths: matched to the stored ones in byte order, new ones added once.
struct PathTableTests {
    /// The project's stored paths by their bytes (not `String`'s `==`: a composed and a decomposed
    /// "é" are two paths to the database).
    static func stored(_ store: HistoryStore) throws -> [[UInt8]: Int64] {
        var stored: [[UInt8]: Int64] = [:]
        try store.database.prepare("SELECT id, path FROM paths WHERE project_id = ?").query([store.projectKey]) {
            row in row.withTextBytes(1) { stored[Array($0)] = Int64(row.int(0)) }
        }
        return stored
    }

    static func ids(_ paths: [String], in store: HistoryStore) throws -> [Int64] {
        try store.writeToProject { project throws(HistoryError) in
            try PathTable(database: store.database, project: project).ids(for: paths)
        }
    }

    @Test(
        "Stored paths keep their ids; new ones, in any order, repeated or across components, are added once in order of first place",
        arguments: Backend.available)
    func storedAndNew(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        let first = ["src/b.py", "src/a.py", "Z.py", "caf\u{E9}.py", ""]
        // Two components' lists, each in order, one after the other; paths named twice.
        let second = [
            "a.py", "cafe\u{301}.py", "new/x.py", "src/a.py", "src/b.py", "Z.py", "", "new/x.py", "src/a.py", "zz.py",
        ]
        let firstIDs = try Self.ids(first, in: store)
        let secondIDs = try Self.ids(second, in: store)
        let stored = try Self.stored(store)
        #expect(stored.count == Set((first + second).map { Array($0.utf8) }).count)
        for (path, id) in zip(first + second, firstIDs + secondIDs) {
            #expect(stored[Array(path.utf8)] == id, "\(path)")
        }
        if backend == .sqlite {
            // New ids follow the first place of each new path.
            let new = ["a.py", "cafe\u{301}.py", "new/x.py", "zz.py"].map { stored[Array($0.utf8)] ?? 0 }
            #expect(new == new.sorted() && new.first.map { $0 > firstIDs.max() ?? 0 } == true)
        }
        #expect(try Self.ids(second, in: store) == secondIDs)
        #expect(try Self.stored(store) == stored)
    }

    @Test("Stored paths that do not come in byte order (another collation) are looked up one by one")
    func storedOutOfByteOrder() throws {
        let history = try TestHistory(.sqlite)
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        let known = try Self.ids(["B.py", "a.py", "c/d.py"], in: store)
        // The same table with a case-blind collation: "a.py" now comes before "B.py".
        try store.database.execute(
            """
            PRAGMA foreign_keys = OFF;
            CREATE TABLE paths_nocase (
                id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects (id),
                path TEXT COLLATE NOCASE NOT NULL, UNIQUE (project_id, path));
            INSERT INTO paths_nocase SELECT id, project_id, path FROM paths;
            DROP TABLE paths;
            ALTER TABLE paths_nocase RENAME TO paths;
            PRAGMA foreign_keys = ON;
            """)
        let ids = try Self.ids(["B.py", "a.py", "b2.py", "c/d.py", "caf\u{E9}.py", "cafe\u{301}.py"], in: store)
        #expect(Array(ids[0...1]) + [ids[3]] == known)
        let stored = try Self.stored(store)
        #expect(stored[Array("b2.py".utf8)] == ids[2])
        // Two paths to the database, though one to `String`'s `==`.
        #expect(stored[Array("caf\u{E9}.py".utf8)] == ids[4] && stored[Array("cafe\u{301}.py".utf8)] == ids[5])
        #expect(ids[4] != ids[5] && stored.count == 6)
    }

    @Test("Byte order of paths: stable, for lists in order, in runs and in none")
    func byteOrder() {
        var generator = SystemRandomNumberGenerator()
        let names = ["a", "B", "a/b", "é", "e\u{301}", "", "ab", "a.py"]
        let byBytes = { (left: String, right: String) in Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8)) }
        for count in [0, 1, 2, 9, 200] {
            let random = (0..<count).map { _ in names.randomElement(using: &generator) ?? "" }
            let sorted = random.sorted(by: byBytes)
            for paths in [random, sorted, sorted + sorted, sorted + random + sorted] {
                let expected = paths.indices.sorted {
                    paths[$0].utf8.elementsEqual(paths[$1].utf8) ? $0 < $1 : byBytes(paths[$0], paths[$1])
                }
                #expect(PathTable.byteOrder(paths) == expected, "\(paths)")
            }
        }
    }
}
