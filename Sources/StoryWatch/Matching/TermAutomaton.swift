/// Aho-Corasick over bytes: finds every occurrence of many patterns in one pass, as a
/// deterministic automaton over byte classes (only the bytes that occur in some pattern are
/// told apart). https://doi.org/10.1145/360825.360855
struct TermAutomaton: Sendable {
    /// Byte → class; class 0 is "a byte no pattern contains".
    private let classes: [UInt8]
    private let classCount: Int
    /// state * classCount + class → next state.
    private let transitions: [Int32]
    /// The patterns that end in each state (its own and those reached by failure links):
    /// `outputList[outputStart[state]..<outputStart[state + 1]]`.
    private let outputStart: [Int32]
    private let outputList: [Int32]
    /// The length of each pattern, in bytes.
    let lengths: [Int]

    init(patterns: [[UInt8]]) {
        var classes = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for byte in Set(patterns.joined()).sorted() {
            classes[Int(byte)] = UInt8(truncatingIfNeeded: classCount)
            classCount += 1
        }
        precondition(classCount <= 256)
        // The trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var own: [[Int32]] = [[]]
        for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let symbol = Int(classes[Int(byte)])
                if children[state][symbol] < 0 {
                    children[state][symbol] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classCount))
                    own.append([])
                }
                state = Int(children[state][symbol])
            }
            own[state].append(Int32(id))
        }
        // Failure links, breadth first, folded into a full transition table.
        let stateCount = children.count
        var transitions = [Int32](repeating: 0, count: stateCount * classCount)
        var failure = [Int](repeating: 0, count: stateCount)
        var outputs = own
        var queue: [Int] = []
        for symbol in 0..<classCount {
            let child = Int(children[0][symbol])
            if child > 0 {
                transitions[symbol] = Int32(child)
                queue.append(child)
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]]
            for symbol in 0..<classCount {
                let child = Int(children[state][symbol])
                let fallback = transitions[failure[state] * classCount + symbol]
                if child > 0 {
                    failure[child] = Int(fallback)
                    transitions[state * classCount + symbol] = Int32(child)
                    queue.append(child)
                } else {
                    transitions[state * classCount + symbol] = fallback
                }
            }
        }
        self.classes = classes
        self.classCount = classCount
        self.transitions = transitions
        outputStart = outputs.reduce(into: [Int32(0)]) { $0.append($0.last! + Int32($1.count)) }
        outputList = Array(outputs.joined())
        lengths = patterns.map(\.count)
    }

    /// Calls `found(pattern, end)` for every occurrence, `end` being the index after its last byte.
    func scan(_ text: [UInt8], _ found: (Int, Int) -> Void) {
        text.withUnsafeBufferPointer { bytes in
            classes.withUnsafeBufferPointer { classes in
                transitions.withUnsafeBufferPointer { transitions in
                    outputStart.withUnsafeBufferPointer { starts in
                        var state = 0
                        for index in 0..<bytes.count {
                            state = Int(transitions[state &* classCount &+ Int(classes[Int(bytes[index])])])
                            let first = Int(starts[state]), last = Int(starts[state &+ 1])
                            if first != last {
                                for position in first..<last { found(Int(outputList[position]), index + 1) }
                            }
                        }
                    }
                }
            }
        }
    }
}
