import CoverageModel

extension RecentRates {
    /// Where the newest run's files and folders are in the rate table, worked out once per render.
    ///
    /// A recent run with the same files as the newest (the usual case: a run changes counts, not the
    /// list of files) is then summed by position: each file's folder and the folders above it are
    /// found here once, not as strings in every run. Twenty runs of a 20 000-file component cut each
    /// path into its folders twenty times and summed them in a dictionary per run.
    struct Layout {
        /// Each path's slot ("" = the component): the newest run's files first, in order, then the
        /// folders above them, then "" when no file or folder has that path.
        private(set) var slots: [String: Int] = [:]
        /// The slot of each of the newest run's files, by position.
        private(set) var fileSlots: [Int] = []
        /// Each file's group: a run of consecutive files in one folder.
        private(set) var groupOfFile: [Int] = []
        /// The folders each group's files count in, as indices into `folderSlots`:
        /// `groupFolders[groupStarts[g]..<groupStarts[g + 1]]`.
        private(set) var groupStarts: [Int] = [0]
        private(set) var groupFolders: [Int] = []
        /// The slot of each folder, each folder once.
        private(set) var folderSlots: [Int] = []

        init(files: [FileSummary]) {
            slots.reserveCapacity(files.count + files.count / 4 + 1)
            fileSlots.reserveCapacity(files.count)
            // One lookup a file: a path not seen yet takes the next slot as it is inserted (looking it
            // up, then inserting it, hashed each path twice).
            func slot(_ value: inout Int) -> Int { value }
            for file in files {
                let next = slots.count
                fileSlots.append(slot(&slots[file.path, default: next]))
            }
            var folderIndex: [Int: Int] = [:]
            groupOfFile.reserveCapacity(files.count)
            var last: Substring?
            for file in files {
                let folder = RecentRates.folder(of: file.path)
                if folder != last {
                    last = folder
                    if !groupOfFile.isEmpty { groupStarts.append(groupFolders.count) }
                    for ancestor in RecentRates.ancestors(of: folder) {
                        let slot = slots[ancestor] ?? slots.count
                        if slot == slots.count { slots[ancestor] = slot }
                        let index = folderIndex[slot] ?? folderSlots.count
                        if index == folderSlots.count {
                            folderIndex[slot] = index
                            folderSlots.append(slot)
                        }
                        groupFolders.append(index)
                    }
                }
                groupOfFile.append(groupStarts.count - 1)
            }
            groupStarts.append(groupFolders.count)
            if slots[""] == nil { slots[""] = slots.count }
        }

        /// Whether `files` are the newest run's files, in the same order.
        func matches(_ files: [FileSummary], newest: [FileSummary]) -> Bool {
            files.count == newest.count && zip(files, newest).allSatisfy { $0.path == $1.path }
        }

        /// The rates of a run with the newest run's files (`matches`), each handed to `set` with
        /// its slot: files in order, then folders, then the component.
        func rates(of files: [FileSummary], _ set: (_ slot: Int, _ rate: Double?) -> Void) {
            var groupSums = Array(repeating: Counts.zero, count: groupStarts.count - 1)
            var total = Counts.zero
            for (position, file) in files.enumerated() {
                set(fileSlots[position], file.counts.lineRate)
                groupSums[groupOfFile[position]] += file.counts
                total += file.counts
            }
            var folderSums = Array(repeating: Counts.zero, count: folderSlots.count)
            for group in groupSums.indices {
                for index in groupFolders[groupStarts[group]..<groupStarts[group + 1]] {
                    folderSums[index] += groupSums[group]
                }
            }
            for (index, slot) in folderSlots.enumerated() { set(slot, folderSums[index].lineRate) }
            set(slots[""] ?? 0, total.lineRate)
        }
    }
}
