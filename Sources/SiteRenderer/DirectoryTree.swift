import CoverageModel

/// A component's files arranged by directory, with counts summed up the tree.
struct DirectoryTree {
    final class Node {
        let path: String
        let name: String
        /// The folder above (nil for the root); the tree holds every node.
        private(set) unowned(unsafe) var parent: Node?
        /// `SiteLayout.slug(path)`, made once: every page links to its folder's ancestors.
        let slug: String
        var directories: [String: Node] = [:]
        /// The folder's own files, by display path.
        var files: [SourceFile] = []
        var counts = Counts()

        init(path: String, name: String, parent: Node? = nil) {
            self.path = path
            self.name = name
            self.parent = parent
            slug = path.isEmpty ? "" : SiteLayout.slug(path)
        }

        /// This folder and those above it, the root first.
        var lineage: [Node] {
            var nodes = [self]
            while let up = nodes[nodes.count - 1].parent { nodes.append(up) }
            return nodes.reversed()
        }

        /// Every directory below this one (not itself), in path order.
        var descendants: [Node] {
            directories.values.sorted { $0.name < $1.name }.flatMap { [$0] + $0.descendants }
        }
    }

    let root: Node

    init(files: [SourceFile]) {
        root = Node(path: "", name: "")
        // One lookup per file by its folder's path; folders are made (with their parents) once and
        // counts summed bottom-up at the end.
        var folders: [Substring: Node] = [:]
        for file in files {
            let path = file.displayPath
            let key = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
            let node: Node
            // A name ending in "/" has its folder one level up from `key`: not cached.
            if !path.hasSuffix("/"), let known = folders[key] {
                node = known
            } else {
                var current = root
                for part in path.split(separator: "/", omittingEmptySubsequences: true).dropLast() {
                    let name = String(part)
                    if let child = current.directories[name] {
                        current = child
                    } else {
                        let child = Node(path: current.path.isEmpty ? name : current.path + "/" + name, name: name, parent: current)
                        current.directories[name] = child
                        current = child
                    }
                }
                if !path.hasSuffix("/") { folders[key] = current }
                node = current
            }
            node.files.append(file)
        }
        Self.sum(root)
    }

    @discardableResult
    private static func sum(_ node: Node) -> Counts {
        if zip(node.files, node.files.dropFirst()).contains(where: { !($0.displayPath < $1.displayPath) }) {
            node.files.sort { $0.displayPath < $1.displayPath }
        }
        var counts = node.files.reduce(Counts.zero) { $0 + $1.counts }
        for child in node.directories.values { counts += sum(child) }
        node.counts = counts
        return counts
    }
}
