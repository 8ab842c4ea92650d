import Foundation
import Yams
import Results

extension SpecReader {
    /// The `engine:` axis: `arbench` (the built-in engine), one external engine as a mapping, or a list of
    /// both. An external engine:
    /// ```yaml
    /// engine:
    ///   - arbench
    ///   - name: python                 # letters, digits, _ and -; default: the command's file name
    ///     command: [/usr/bin/python3, engine.py, --threads, "{engine_threads}", --metrics, "{metrics}", "{audio}"]
    ///     env: {PYTHONDONTWRITEBYTECODE: "1"}   # placeholders filled; allocator and OMP variables are arbench's
    ///     work: audio                  # or {audio_seconds: 90} or {items: 200}: throughput without a metrics file
    ///   - name: wrapped
    ///     shell: true                  # the command is one /bin/sh -c script, values shell-quoted into it
    ///     command: "ulimit -n 4096 && exec ./engine --threads {engine_threads} {audio}"
    /// ```
    /// Every placeholder must be one of EnginePlaceholder's; a list one (`{audio}`) must be a whole argv element.
    /// `audio` is the spec's audio (`work: audio` reads its generated duration); `passes` its audio_passes.
    func engines(_ node: Node, loads: [CellLoad]?, modes: [EngineMode]?, audio: AudioInput?, passes: Int?) -> [CellEngine]? {
        var engines: [CellEngine] = []
        var ok = true
        let entries: [(node: Node, field: String)] = node.mapping != nil ? [(node, "engine")] : items(node, field: "engine")
        for (item, path) in entries {
            if let name = item.scalar?.string {
                guard name == CellEngine.builtInName else {
                    report(item, path, "\"\(name)\" is not an engine: write arbench (the built-in engine) or a mapping with command:")
                    ok = false
                    continue
                }
                engines.append(.arbench)
            } else if let external = externalEngine(item, field: path, audio: audio) {
                engines.append(.external(external))
            } else {
                ok = false
            }
        }
        var seen: Set<String> = []
        for engine in engines where !seen.insert(engine.name).inserted {
            report(node, "engine", "engine \(engine.name) is listed twice (give each a different name:)")
            ok = false
        }
        if engines.contains(where: { !$0.isBuiltIn }) {
            if let loads, loads.contains(where: { !$0.isOffline }) {
                report(node, "engine", "external engines run offline only (their own load is theirs to make): drop scenario or the external engine")
                ok = false
            }
            if let passes, passes != 1 {
                report(node, "engine", "audio_passes applies to arbench's engine only: an external engine reads the audio as it chooses")
                ok = false
            }
            if let modes, modes != [.threads] {
                report(node, "engine", "engine_mode applies to arbench's engine only: an external engine's processes are its own")
                ok = false
            }
        }
        return ok && !engines.isEmpty ? engines : nil
    }

    private func externalEngine(_ node: Node, field: String, audio: AudioInput?) -> ExternalEngine? {
        guard let fields = mapping(node, field: field, allowed: ["name", "shell", "env", "work"], required: ["command"],
                                   expected: "expected arbench or a mapping with command:") else { return nil }
        var ok = true
        let shell: Bool
        if let shellNode = fields["shell"] {
            guard let value = shellNode.bool else {
                report(shellNode, "\(field).shell", "expected true or false, got \(describe(shellNode))")
                return nil
            }
            shell = value
        } else {
            shell = false
        }
        guard let commandNode = fields["command"] else { return nil }
        var command: [String] = []
        if let script = commandNode.scalar?.string {
            guard shell else {
                report(commandNode, "\(field).command", "a string is a shell script: give argv as a list, or say shell: true")
                return nil
            }
            command = [script]
        } else if let list = commandNode.sequence {
            for (index, element) in list.enumerated() {
                guard let text = element.scalar?.string else {
                    report(element, "\(field).command[\(index)]", "expected one argument, got \(describe(element))")
                    ok = false
                    continue
                }
                command.append(text)
            }
            if command.isEmpty { report(commandNode, "\(field).command", "must name a program"); ok = false }
            if shell && command.count > 1 {
                report(commandNode, "\(field).command", "with shell: true the command is one string (the script /bin/sh -c runs)")
                ok = false
            }
        } else {
            report(commandNode, "\(field).command", "expected a list: the program and its arguments")
            return nil
        }
        if command.first?.isEmpty == true { report(commandNode, "\(field).command", "the program is empty"); ok = false }
        let elements = commandNode.sequence ?? [commandNode]
        for (index, (text, element)) in zip(command, elements).enumerated() {
            let path = shell ? "\(field).command" : "\(field).command[\(index)]"
            ok = template(text, node: element, field: path, allowsList: true, wholeElementOnly: !shell) && ok
        }

        var environment: [String: String] = [:]
        if let envNode = fields["env"] {
            if let env = envNode.mapping {
                for (keyNode, valueNode) in env {
                    let key = keyNode.string ?? ""
                    let path = "\(field).env.\(key)"
                    guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !(key.first?.isNumber ?? true) else {
                        report(keyNode, path, "not a variable name (letters, digits, _)")
                        ok = false
                        continue
                    }
                    if let owner = Self.variableOwner(key) {
                        report(keyNode, path, "set by arbench from the cell's \(owner): use that axis (the allocator's env: for tuning)")
                        ok = false
                        continue
                    }
                    guard let value = valueNode.scalar?.string else {
                        report(valueNode, path, "expected one value, got \(describe(valueNode))")
                        ok = false
                        continue
                    }
                    ok = template(value, node: valueNode, field: path, allowsList: false, wholeElementOnly: false) && ok
                    environment[key] = value
                }
            } else {
                report(envNode, "\(field).env", "expected a mapping NAME: value")
                ok = false
            }
        }

        var work: EngineWork?
        if let workNode = fields["work"] {
            if workNode.scalar?.string == "audio" {
                if case .generate(let seconds, _)? = audio {
                    work = .audioSeconds(seconds)
                } else {
                    report(workNode, "\(field).work", "work: audio needs generated audio (its length is known): give {audio_seconds: N}")
                    ok = false
                }
            } else if let workFields = mapping(workNode, field: "\(field).work", allowed: ["audio_seconds", "items"],
                                               expected: "expected audio, {audio_seconds: N} or {items: N}") {
                if workFields.count != 1 {
                    report(workNode, "\(field).work", "give one of audio_seconds or items")
                    ok = false
                } else if let seconds = workFields["audio_seconds"] {
                    work = number(seconds, field: "\(field).work.audio_seconds", minimum: 0.001).map(EngineWork.audioSeconds)
                } else if let items = workFields["items"] {
                    work = integer(items, field: "\(field).work.items", minimum: 1).map(EngineWork.items)
                }
                if work == nil { ok = false }
            } else {
                ok = false
            }
        }

        let defaultName = URL(fileURLWithPath: command.first ?? "engine").lastPathComponent
            .map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" }
        let name = fields["name"].flatMap { string($0, field: "\(field).name") } ?? (shell ? "shell" : String(defaultName))
        if !ExternalEngine.isValidName(name) {
            report(fields["name"] ?? node, "\(field).name", name == CellEngine.builtInName
                   ? "arbench is the built-in engine's name" : "\"\(name)\": an engine name is 1-40 letters, digits, _ or -")
            ok = false
        }
        return ok ? ExternalEngine(name: name, command: command, shell: shell, environment: environment, work: work) : nil
    }

    /// Checks one templated text; reports and returns false when it names an unknown placeholder, or a list
    /// placeholder where one value is needed.
    private func template(_ text: String, node: Node, field: String, allowsList: Bool, wholeElementOnly: Bool) -> Bool {
        let parsed: EngineTemplate
        do {
            parsed = try EngineTemplate.parse(text)
        } catch {
            report(node, field, error.description)
            return false
        }
        for placeholder in parsed.placeholders where placeholder.isList {
            if !allowsList {
                report(node, field, "\(placeholder.text) stands for several files: use {audio_list} (a file listing them) here")
                return false
            }
            if wholeElementOnly && !parsed.isSinglePlaceholder {
                report(node, field, "\(placeholder.text) stands for several files, one argument each: give it as a whole element (or use {audio_list})")
                return false
            }
        }
        return true
    }

    /// The axis that owns an environment variable arbench sets for every cell, or nil when a spec may set it.
    static func variableOwner(_ name: String) -> String? {
        if CellEnvironment.isAllocatorVariable(name) { return "allocator" }
        switch name {
        case "OMP_NUM_THREADS": return "intra_op_threads"
        case "OMP_WAIT_POLICY": return "omp_wait_policy"
        case let name where Axis.tableOnly.contains { $0.values!.controlledVariables.contains(name) }:
            return Axis.tableOnly.first { $0.values!.controlledVariables.contains(name) }!.name
        default: return CellEnvironment.controlled.contains(name) ? "settings (arbench's own variable)" : nil
        }
    }
}
