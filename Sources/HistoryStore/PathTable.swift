import Formatting
import Foundation

/// The paths of a project, each stored once: the ids of a run's files' paths, adding the new ones.
///
/// The run's paths are matched to the stored ones by walking both in byte order. The stored paths
/// come in that order from the index on `(project_id, path)` (SQLite's `BINARY` and PostgreSQL's
/// `"C"` collation), and a run's usually already are: a component's files are sorted by path.
/// Reading a project's 20 000 paths into a dictionary and looking each file up was 25–50 ms of
/// recording into a long history, most of it making a String of each stored path and hashing it.
struct PathTable {
    let database: any DatabaseConnection
    let project: Int64

    /// The id of each of `paths`, in order. Paths not stored yet are added, with ids in the order
    /// they first appear.
    func ids(for paths: [String]) throws(HistoryError) -> [Int64] {
        let order = Self.byteOrder(paths)
        var ids = [Int64](repeating: Self.unknown, count: paths.count)
        guard try matchStored(paths, in: order, into: &ids) else {
            // The stored paths did not come in byte order (a column with another collation).
            return try Self.checked(try idsLookedUp(paths), for: paths, in: database)
        }
        // Each new path once, by its first place; equal paths are neighbours in `order`.
        var firsts: [Int] = []
        var copies: [(index: Int, of: Int)] = []
        for (position, index) in order.enumerated() where ids[index] == Self.unknown {
            if position > 0, ids[order[position - 1]] == Self.unknown,
                ByteOrder.compare(paths[order[position - 1]], paths[index]) == 0
            {
                copies.append((index, firsts.last ?? index))
            } else {
                firsts.append(index)
            }
        }
        guard !firsts.isEmpty else { return ids }
        // The first place of a path is its smallest index: `order` is stable.
        let new = firsts.sorted()
        for (offset, id) in try add(new.map { paths[$0] }).enumerated() { ids[new[offset]] = id }
        for copy in copies { ids[copy.index] = ids[copy.of] }
        return try Self.checked(ids, for: paths, in: database)
    }

    /// A path not matched to a stored one yet.
    private static let unknown = Int64.min

    /// `ids`, once each is known: a run is recorded without SQLite's foreign-key checks
    /// (`TransactionKind.append`), so a path left without an id must stop the run here rather than
    /// give a file row that names no path.
    private static func checked(_ ids: [Int64], for paths: [String], in database: any DatabaseConnection)
        throws(HistoryError) -> [Int64]
    {
        if let missing = ids.firstIndex(of: unknown) {
            throw .io(path: database.name, message: "no id was found or given for the path '\(paths[missing])'")
        }
        return ids
    }

    /// Gives each of `paths` found among the stored paths its id. Returns false when the stored
    /// paths did not come in byte order, so that the walk may have missed some.
    private func matchStored(_ paths: [String], in order: [Int], into ids: inout [Int64]) throws(HistoryError) -> Bool {
        var position = 0
        var previous: [UInt8] = []
        var (isFirst, inOrder) = (true, true)
        try database.prepare("SELECT id, path FROM paths WHERE project_id = ? ORDER BY path").query([
            .integer(project)
        ]) { row in
            guard inOrder else { return }
            row.withTextBytes(1) { stored in
                inOrder = isFirst || previous.withUnsafeBufferPointer { ByteOrder.compare($0, stored) < 0 }
                isFirst = false
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: stored)
                // The run's paths before this stored one are not stored; those equal to it are.
                while position < order.count {
                    var path = paths[order[position]]
                    let comparison = path.withUTF8 { ByteOrder.compare(stored, $0) }
                    if comparison < 0 { break }
                    if comparison == 0 { ids[order[position]] = Int64(row.int(0)) }
                    position += 1
                }
            }
        }
        return inOrder
    }

    /// Adds paths not stored yet (each once) and returns their ids, in order.
    private func add(_ new: [String]) throws(HistoryError) -> [Int64] {
        // SQLite: the ids are given, the ones SQLite would have chosen (the largest so far, plus one
        // each), so nothing is returned and read back as text: the writer holds the database
        // (`BEGIN IMMEDIATE`). Not on PostgreSQL, whose identity sequence would not move past them.
        if database.dialect == .sqlite,
            let largest = try database.prepare("SELECT coalesce(max(id), 0) FROM paths").integer(),
            largest >= 0, largest <= Int64.max - Int64(new.count)
        {
            var values: [SQLValue] = []
            values.reserveCapacity(3 * new.count)
            for (offset, path) in new.enumerated() {
                values.append(.integer(largest + 1 + Int64(offset)))
                values.append(.integer(project))
                values.append(.text(path))
            }
            try database.insertRows(into: "paths", columns: ["id", "project_id", "path"], values: values)
            return new.indices.map { largest + 1 + Int64($0) }
        }
        // 500 rows per statement, the statement of a full chunk prepared once: compiling its 1 000
        // parameters again for each chunk was a quarter of adding a new project's 20 000 paths.
        var returned: [String: Int64] = [:]
        var statements: [Int: any DatabaseStatement] = [:]
        for chunk in HistoryStore.chunks(new, of: Self.rowsPerInsert) {
            let insert: any DatabaseStatement
            if let prepared = statements[chunk.count] {
                insert = prepared
            } else {
                insert = try database.prepare(
                    "INSERT INTO paths (project_id, path) VALUES \(HistoryStore.rows(chunk.count, columns: 2))"
                        + " RETURNING id, path")
                statements[chunk.count] = insert
            }
            try insert.query(chunk.flatMap { [.integer(project), .text($0)] }) { row in
                returned[row.text(1)] = Int64(row.int(0))
            }
        }
        return try new.map { (path) throws(HistoryError) -> Int64 in
            guard let id = returned[path] else {
                throw .io(path: database.name, message: "the database did not return the id of the path '\(path)'")
            }
            return id
        }
    }

    static let rowsPerInsert = 500

    /// `ids(for:)` by a dictionary of every stored path, for stored paths not in byte order. Keyed
    /// by bytes, as the database tells paths apart (`String`'s `==` takes a composed and a
    /// decomposed accent for one).
    private func idsLookedUp(_ paths: [String]) throws(HistoryError) -> [Int64] {
        var stored: [[UInt8]: Int64] = [:]
        try database.prepare("SELECT id, path FROM paths WHERE project_id = ?").query([.integer(project)]) { row in
            row.withTextBytes(1) { stored[Array($0)] = Int64(row.int(0)) }
        }
        var new: [String] = []
        for path in paths where stored[Array(path.utf8)] == nil {
            stored[Array(path.utf8)] = Self.unknown
            new.append(path)
        }
        for (path, id) in zip(new, try add(new)) { stored[Array(path.utf8)] = id }
        return paths.map { stored[Array($0.utf8)] ?? Self.unknown }
    }

    /// The positions of `paths` in byte order, stably: the ascending runs they come in (one per
    /// component, usually) merged.
    static func byteOrder(_ paths: [String]) -> [Int] {
        var runs: [Range<Int>] = []
        var start = 0
        for index in paths.indices.dropFirst() where ByteOrder.compare(paths[index - 1], paths[index]) > 0 {
            runs.append(start..<index)
            start = index
        }
        if !paths.isEmpty { runs.append(start..<paths.count) }
        return NameOrder.merged(Array(paths.indices), runs: runs) { ByteOrder.compare(paths[$0], paths[$1]) < 0 }
    }
}
