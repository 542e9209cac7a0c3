/// Every template of a library compiled into one flat array of instructions, which `TemplateRenderer` walks.
///
/// A section's body is the instructions that follow it up to its `end`, a partial is a template index, and
/// literal text and names live in shared pools, so an instruction is a plain value: walking the templates
/// retains and copies nothing.
struct TemplateProgram: Sendable {
    /// One step of a template. Ranges are offsets into the program's pools.
    enum Instruction: Sendable {
        /// Literal template bytes. `lineStarts` are the offsets in `bytes` (a range of the pool `lineStarts`)
        /// where a line with content begins, where a standalone partial's indentation is written.
        case text(bytes: Range<Int>, lineStarts: Range<Int>)
        /// A line that starts with a tag: the current partial indentation goes here.
        case indent
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw); `name` is a range of `nameParts`.
        case variable(name: Range<Int>, escaped: Bool)
        /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`: the body is the instructions
        /// after this one up to `end`, where the next instruction of the enclosing body follows.
        case section(name: Range<Int>, end: Int, inverted: Bool)
        /// `{{> name}}`: the partial's template index. `indentation` (a range of `bytes`) is the whitespace
        /// before a standalone tag, `nil` for an inline one.
        case partial(template: Int, indentation: Range<Int>?)
    }

    /// One template: its name and where its instructions are.
    struct Template: Sendable {
        let name: String
        let instructions: Range<Int>
    }

    var instructions: [Instruction] = []
    /// Literal text and partial indentation.
    var bytes: [UInt8] = []
    /// Offsets in `bytes` where a line of literal text begins.
    var lineStarts: [Int] = []
    /// The parts of every name, in tag order; a name is a range of them, empty for the implicit iterator `.`.
    var nameParts: [String] = []
    /// The templates in library order, which is the order of `template` indices.
    var templates: [Template] = []

    // MARK: - Reading

    /// The pools as buffer pointers, so that walking them retains nothing; valid only during `withBuffers`.
    struct Buffers {
        let instructions: UnsafeBufferPointer<Instruction>
        let bytes: UnsafeBufferPointer<UInt8>
        let lineStarts: UnsafeBufferPointer<Int>
        let nameParts: UnsafeBufferPointer<String>
    }

    /// Calls `body` with the pools borrowed as buffer pointers.
    func withBuffers<Result, Failure: Error>(
        _ body: (Buffers) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try instructions.withUnsafeBufferPointer { instructions throws(Failure) in
            try bytes.withUnsafeBufferPointer { bytes throws(Failure) in
                try lineStarts.withUnsafeBufferPointer { lineStarts throws(Failure) in
                    try nameParts.withUnsafeBufferPointer { nameParts throws(Failure) in
                        try body(
                            Buffers(
                                instructions: instructions, bytes: bytes, lineStarts: lineStarts,
                                nameParts: nameParts))
                    }
                }
            }
        }
    }

    // MARK: - Building

    /// Appends an instruction and returns its index.
    @discardableResult
    mutating func append(_ instruction: Instruction) -> Int {
        instructions.append(instruction)
        return instructions.count - 1
    }

    /// Adds the parts of `name` to the pool and returns their range.
    mutating func append(_ name: TemplateName) -> Range<Int> {
        nameParts.append(contentsOf: name.parts)
        return (nameParts.count - name.parts.count)..<nameParts.count
    }

    /// Adds `bytes` to the byte pool and returns their range there.
    mutating func appendBytes(_ bytes: ArraySlice<UInt8>) -> Range<Int> {
        self.bytes.append(contentsOf: bytes)
        return (self.bytes.count - bytes.count)..<self.bytes.count
    }

    /// Sets where the body of the section at `index` ends: here, after its last instruction so far.
    mutating func closeSection(at index: Int) {
        guard case .section(let name, _, let inverted) = instructions[index] else { return }
        instructions[index] = .section(name: name, end: instructions.count, inverted: inverted)
    }
}
