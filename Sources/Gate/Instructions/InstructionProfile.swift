import Foundation

/// One run's instructions as Valgrind's callgrind counted them (`arbench ab --measure instructions`):
/// the total of the counted span and how it splits over the program and its libraries (callgrind's
/// self cost per ELF object, which a stripped binary still has: where a change went, by library).
///
/// Read from callgrind's own output format (https://valgrind.org/docs/manual/cl-format.html): `ob=`
/// names the object of the cost lines that follow (`(id) name` defines a compressed name, `(id)`
/// refers to it; `cob=` defines into the same table); a cost line after `calls=` is the inclusive cost
/// of that call, already counted in the callee's own lines, so it is skipped; `totals:` is the sum of
/// the self costs and is checked against it.
public struct InstructionProfile: Sendable, Codable, Equatable {
    /// Instructions executed in the counted span (callgrind's `Ir`).
    public var total: UInt64
    /// Instructions by object: the program is `arbench`; a library by its file name without the
    /// version (`libtorch_cpu.so`); code outside any object (JIT-generated) is `(generated code)`.
    public var byObject: [String: UInt64]

    public init(total: UInt64, byObject: [String: UInt64]) {
        self.total = total
        self.byObject = byObject
    }

    /// Libraries whose instructions here are wait loops: a thread spinning until another one is done
    /// (pthreadpool's workers, an OpenMP barrier), so their count depends on how Valgrind's scheduler
    /// interleaved the threads, not on the work. Measured: libpthreadpool 130k vs 417k instructions
    /// over two runs of one build (2-minute scene, 1.07G counted), when the rest moved by 0.01%.
    /// Reported, not gated; a change in waiting is the wall-time A/B's to see.
    public static let waitLoopObjects: Set<String> = ["libpthreadpool.so", "libgomp.so", "libiomp5.so", "libomp.so"]

    /// The instructions the gate judges: all but the wait loops.
    public var gated: UInt64 {
        total - byObject.filter { Self.waitLoopObjects.contains($0.key) }.values.reduce(0, +)
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Reads a callgrind output file; the error names what is wrong with it.
    public static func read(path: String) -> Result<InstructionProfile, ParseError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ParseError(description: "\(path): no callgrind output (the run did not start under Valgrind, or died)"))
        }
        do {
            return .success(try parse(String(decoding: data, as: UTF8.self)))
        } catch {
            return .failure(ParseError(description: "\(path): \(error.description)"))
        }
    }

    public static func parse(_ text: String) throws(ParseError) -> InstructionProfile {
        var objects: [String: String] = [:]
        var current = "(generated code)"
        var program: String?
        var positions = 1
        var eventIndex: Int?
        var skipNext = false
        var byObject: [String: UInt64] = [:]
        var totals: UInt64?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.first else { continue }
            if first.isNumber || first == "+" || first == "-" || first == "*" {
                if skipNext { skipNext = false; continue }
                guard let eventIndex else { throw ParseError(description: "a cost line before the `events:` line") }
                let fields = line.split(separator: " ")
                let index = positions + eventIndex
                guard index < fields.count else { continue }  // trailing zero costs are left out
                guard let cost = UInt64(fields[index]) else { throw ParseError(description: "unreadable cost line `\(line.prefix(60))`") }
                byObject[current, default: 0] += cost
            } else if line.hasPrefix("ob=") || line.hasPrefix("cob=") {
                let name = try compressedName(line.drop { $0 != "=" }.dropFirst(), table: &objects)
                if line.hasPrefix("ob=") { current = name }
            } else if line.hasPrefix("calls=") {
                skipNext = true
            } else if line.hasPrefix("cmd:") {
                program = line.dropFirst(4).split(separator: " ").first.map(String.init)
            } else if line.hasPrefix("positions:") {
                positions = line.dropFirst(10).split(separator: " ").count
            } else if line.hasPrefix("events:") {
                guard let index = line.dropFirst(7).split(separator: " ").firstIndex(of: "Ir") else {
                    throw ParseError(description: "no Ir event counted (events: \(line.dropFirst(7)))")
                }
                eventIndex = index
            } else if line.hasPrefix("totals:") {
                let fields = line.dropFirst(7).split(separator: " ")
                totals = eventIndex.flatMap { $0 < fields.count ? UInt64(fields[$0]) : nil } ?? (fields.isEmpty ? 0 : nil)
            }
        }
        guard let totals else { throw ParseError(description: "no `totals:` line (the file is cut short)") }
        var named: [String: UInt64] = [:]
        for (object, cost) in byObject where cost > 0 {
            named[displayName(object, program: program), default: 0] += cost
        }
        let sum = named.values.reduce(0, +)
        guard sum == totals else {
            throw ParseError(description: "its cost lines sum to \(sum) instructions, its totals line says \(totals)")
        }
        return InstructionProfile(total: totals, byObject: named)
    }

    /// `(12) /usr/lib/libx.so` defines name 12; `(12)` refers to it; a bare name is used as it is.
    private static func compressedName(_ text: Substring, table: inout [String: String]) throws(ParseError) -> String {
        guard text.first == "(", let close = text.firstIndex(of: ")") else { return String(text) }
        let id = String(text[text.index(after: text.startIndex)..<close])
        let rest = text[text.index(after: close)...].drop { $0 == " " }
        if !rest.isEmpty {
            table[id] = String(rest)
            return String(rest)
        }
        guard let name = table[id] else { throw ParseError(description: "object name (\(id)) used before it is defined") }
        return name
    }

    /// The program as `arbench` (each side runs its own stripped copy), libraries without their versions.
    static func displayName(_ object: String, program: String?) -> String {
        if object == program { return "arbench" }
        if object == "???" { return "(generated code)" }
        let file = (object as NSString).lastPathComponent
        if let range = file.range(of: ".so") { return String(file[..<range.upperBound]) }
        return file
    }
}
