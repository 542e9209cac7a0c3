import CoverageModel

/// A component's files arranged by directory, with counts summed up the tree.
struct DirectoryTree {
    final class Node {
        let path: String
        let name: String
        var directories: [String: Node] = [:]
        var files: [SourceFile] = []
        var counts = Counts()

        init(path: String, name: String) {
            self.path = path
            self.name = name
        }

        /// Every directory below this one (not itself), in path order.
        var descendants: [Node] {
            directories.values.sorted { $0.name < $1.name }.flatMap { [$0] + $0.descendants }
        }
    }

    let root: Node

    init(files: [SourceFile]) {
        root = Node(path: "", name: "")
        for file in files {
            var node = root
            node.counts += file.counts
            let parts = file.displayPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            for part in parts.dropLast() {
                let path = node.path.isEmpty ? part : node.path + "/" + part
                let child = node.directories[part] ?? Node(path: path, name: part)
                node.directories[part] = child
                node = child
                node.counts += file.counts
            }
            node.files.append(file)
        }
    }
}
