import CoverageModel

/// A component's files arranged by folder, with counts summed up the tree; a value type whose
/// folders refer to each other by index, so pages on every core read it without locks or unowned
/// references.
///
/// Two bounds keep a site linear in its report however deep a report's paths are:
/// - a folder that holds no file and exactly one folder is shown together with it
///   (`src/com/example/`), so a 2 000-level chain is one listing, not 2 000;
/// - folders deeper than `maxDepth` are not made: the rest of such a path is part of the file's name
///   in the folder at that depth.
struct DirectoryTree: Sendable {
    static let maxDepth = 32

    struct Folder: Sendable {
        /// Its path in the report, "" for the component's root.
        let path: String
        /// What its parent's listing shows: its name, or a chain of folders that hold nothing else.
        let name: String
        let parent: Int?
        /// Its folders and its own files (indexes into `entries`), each in natural order.
        var folders: [Int] = []
        var files: [Int] = []
        var counts = Counts()
        /// `SiteLayout.slug(path)`, unique within the component; "" for the root.
        let slug: String
    }

    struct Entry: Sendable {
        let file: SourceFile
        let folder: Int
        /// The file's path below its folder as the listing shows it: usually the file name; more of
        /// the path when it is deeper than `maxDepth`, or written with `//` or a trailing `/`.
        let name: String
        /// The id of its row on its folder's by-path listing (`SiteLayout.fileAnchor`), unique there.
        let anchor: String
        /// Its page's slug (`SiteLayout.fileSlug`), unique within the component.
        let slug: String
        /// Its place in the files the tree was made from.
        let source: Int
    }

    private(set) var folders: [Folder] = []
    private(set) var entries: [Entry] = []
    /// Every file in reading order (a folder's folders, each with all below it, then its own files),
    /// as indexes into `entries`: the order of the file pages' previous/next links.
    private(set) var sequence: [Int] = []
    /// Each entry's place in `sequence`.
    private(set) var positions: [Int] = []

    init(files: [SourceFile]) {
        var raw = RawTree()
        var placed: [(node: Int, name: String)] = []
        placed.reserveCapacity(files.count)
        for index in files.indices { placed.append(raw.place(files[index].displayPath)) }
        // Made at their full size: grown one insert at a time, they rehashed every slug once more.
        var slugs = Set<String>(minimumCapacity: raw.nodes.count)
        var fileSlugs = Set<String>(minimumCapacity: files.count)
        folders.reserveCapacity(raw.nodes.count)
        entries.reserveCapacity(files.count)
        add(
            raw: 0, name: "", parent: nil, from: raw, placed: placed, files: files, slugs: &slugs, fileSlugs: &fileSlugs
        )
        sum(0)
        positions = Array(repeating: 0, count: entries.count)
        order(0)
    }

    var root: Folder { folders[0] }

    /// The folder and those above it, the root first.
    func lineage(of folder: Int) -> [Int] {
        var chain = [folder]
        while let up = folders[chain[chain.count - 1]].parent { chain.append(up) }
        return chain.reversed()
    }

    /// Makes the folder for raw node `node` (and, below it, its folders with their chains collapsed
    /// and its files); returns its index.
    @discardableResult
    private mutating func add(
        raw node: Int, name: String, parent: Int?, from raw: RawTree, placed: [(node: Int, name: String)],
        files: [SourceFile], slugs: inout Set<String>, fileSlugs: inout Set<String>
    ) -> Int {
        let path = raw.nodes[node].path
        let index = folders.count
        folders.append(
            Folder(
                path: path, name: name, parent: parent,
                slug: path.isEmpty ? "" : Self.unique(SiteLayout.slug(path), in: &slugs)))
        let children = raw.nodes[node].children.sorted { NaturalOrder.areInIncreasingOrder($0.key, $1.key) }
        for (childName, start) in children {
            var child = start
            var label = childName
            while raw.nodes[child].files.isEmpty, raw.nodes[child].children.count == 1,
                let only = raw.nodes[child].children.first
            {
                child = only.value
                label += "/" + only.key
            }
            let made = add(
                raw: child, name: label, parent: index, from: raw, placed: placed, files: files, slugs: &slugs,
                fileSlugs: &fileSlugs)
            folders[index].folders.append(made)
        }
        let own = raw.nodes[node].files.sorted { a, b in
            let (left, right) = (placed[a].name, placed[b].name)
            return left == right
                ? files[a].displayPath < files[b].displayPath : NaturalOrder.areInIncreasingOrder(left, right)
        }
        var anchors = Set<String>(minimumCapacity: own.count)
        for file in own {
            let name = placed[file].name
            var anchor = SiteLayout.fileAnchor(name)
            // `pkg/ok.py` and `pkg//ok.py` share a name: the second keeps its own id.
            if !anchors.insert(anchor).inserted {
                anchor = Self.unique("f:" + SiteLayout.slug(files[file].displayPath), in: &anchors)
            }
            folders[index].files.append(entries.count)
            entries.append(
                Entry(
                    file: files[file], folder: index, name: name, anchor: anchor,
                    slug: Self.unique(SiteLayout.fileSlug(files[file].displayPath), in: &fileSlugs), source: file))
        }
        return index
    }

    /// `name`, or `name-2`, `name-3` … when it is taken (two paths whose slugs' hashes collide).
    private static func unique(_ name: String, in taken: inout Set<String>) -> String {
        if taken.insert(name).inserted { return name }
        var suffix = 2
        while !taken.insert(name + "-\(suffix)").inserted { suffix += 1 }
        return name + "-\(suffix)"
    }

    @discardableResult
    private mutating func sum(_ folder: Int) -> Counts {
        var counts = folders[folder].files.reduce(Counts.zero) { $0 + entries[$1].file.counts }
        for child in folders[folder].folders { counts += sum(child) }
        folders[folder].counts = counts
        return counts
    }

    private mutating func order(_ folder: Int) {
        for child in folders[folder].folders { order(child) }
        for file in folders[folder].files {
            positions[file] = sequence.count
            sequence.append(file)
        }
    }
}

/// The folders of a report's paths as written, before chains are collapsed.
struct RawTree {
    struct Node {
        let path: String
        var children: [String: Int] = [:]
        var files: [Int] = []
    }

    var nodes = [Node(path: "")]
    /// Folders already found, by the part of a path that leads to them.
    private var known: [Substring: Int] = [:]
    /// The last file's folder part and node: a report lists a folder's files together, so most
    /// paths are placed by comparing theirs with it, without hashing it (the same equality as `known`).
    private var last: (folder: Substring, node: Int)?
    private var count = 0

    /// Adds a file's path: the node of its folder and its name there.
    mutating func place(_ path: String) -> (node: Int, name: String) {
        let (folderPart, name) = Self.split(path)
        let node: Int
        if let last, last.folder == folderPart {
            node = last.node
        } else if let found = known[folderPart] {
            node = found
        } else {
            var current = 0
            // Its folder components, empty ones left out (at most `maxDepth`: `split` cut there).
            for key in Self.components(of: folderPart) {
                if let child = nodes[current].children[key] {
                    current = child
                } else {
                    let parentPath = nodes[current].path
                    nodes.append(Node(path: parentPath.isEmpty ? key : parentPath + "/" + key))
                    nodes[current].children[key] = nodes.count - 1
                    current = nodes.count - 1
                }
            }
            known[folderPart] = current
            node = current
        }
        last = (folderPart, node)
        nodes[node].files.append(count)
        count += 1
        return (node, name)
    }

    /// A path's folder part (as written, up to the end of its last folder component: at most
    /// `maxDepth` of them, empty ones not counted) and the name the file has in that folder. One pass
    /// over the path's bytes, nothing allocated but the name: the folder part of most paths is
    /// already known.
    static func split(_ path: String) -> (folder: Substring, name: String) {
        // Over the bytes in place: walking the `utf8` view index by index was half of placing a
        // 20 000-file run's paths (39 M of 84 M instructions in callgrind).
        guard let ends = path.utf8.withContiguousStorageIfAvailable(folderEnd) else {
            var copy = path
            copy.makeContiguousUTF8()
            return split(copy)
        }
        guard let folderEnd = ends else {
            // A file at the root: its name without leading slashes (a path of slashes keeps them all).
            let trimmed = path.drop { $0 == "/" }
            return ("", trimmed.isEmpty ? path : String(trimmed))
        }
        let utf8 = path.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: folderEnd)
        return (path[..<end], String(path[utf8.index(after: end)...]))
    }

    /// Where a path's folder part ends (at a `/`), or nil for a file at the root. Components are
    /// runs of bytes other than `/`; the folder part ends after the last but one, or after the
    /// `maxDepth`-th of deeper paths.
    private static func folderEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var (lastEnd, previousEnd, depthEnd) = (0, 0, 0)
        var inComponent = false
        for index in 0..<bytes.count {
            if bytes[index] == UInt8(ascii: "/") {
                if inComponent {
                    count += 1
                    (previousEnd, lastEnd) = (lastEnd, index)
                    if count == DirectoryTree.maxDepth { depthEnd = index }
                }
                inComponent = false
            } else {
                inComponent = true
            }
        }
        if inComponent {
            count += 1
            (previousEnd, lastEnd) = (lastEnd, bytes.count)
            if count == DirectoryTree.maxDepth { depthEnd = bytes.count }
        }
        let depth = min(max(count - 1, 0), DirectoryTree.maxDepth)
        guard depth > 0 else { return nil }
        return depth == DirectoryTree.maxDepth ? depthEnd : previousEnd
    }

    /// A folder part's components, empty ones left out: split at each `/` character. An ASCII
    /// folder part is split over its bytes, which is the same (no ASCII byte joins a `/` into a
    /// longer character) and took a tenth of the instructions of splitting its characters.
    static func components(of folder: Substring) -> [String] {
        guard folder.utf8.allSatisfy({ $0 < 0x80 }) else {
            return folder.split(separator: "/").map(String.init)
        }
        return folder.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
    }
}
