/// /proc/PID/cgroup: which group a process is in. cgroup v1 has a line per hierarchy
/// (`4:cpu,cpuacct:/arbench/sweep-1/c3`), v2 one line (`0::/arbench/sweep-1/c3`).
public enum ProcCgroupFile {
    /// The group path for the cpu controller: the v1 line listing `cpu`, else the v2 line; nil when neither.
    public static func cpuGroup(_ text: String) -> String? {
        var unified: String?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[0] == "0" && fields[1].isEmpty {
                unified = String(fields[2])
            } else if fields[1].split(separator: ",").contains("cpu") {
                return String(fields[2])
            }
        }
        return unified
    }
}
