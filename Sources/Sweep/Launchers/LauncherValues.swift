import Foundation

/// The checks on what `arbench slurm` and `arbench k8s` write into a scheduler's files, made before anything
/// is written: a value the scheduler would refuse (or read as something else) fails here, in one line, not
/// an hour later on the cluster. Each returns nil when the value is fine, else what is wrong.
public enum LauncherValues {
    /// sbatch --time: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes,
    /// days-hours:minutes:seconds, or UNLIMITED / INFINITE (Slurm's sbatch(1)).
    public static func slurmTimeProblem(_ text: String) -> String? {
        if ["unlimited", "infinite"].contains(text.lowercased()) { return nil }
        let pattern = #"^([0-9]+|[0-9]+:[0-9]{1,2}|[0-9]+:[0-9]{1,2}:[0-9]{1,2}|[0-9]+-[0-9]+|[0-9]+-[0-9]+:[0-9]{1,2}|[0-9]+-[0-9]+:[0-9]{1,2}:[0-9]{1,2})$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            return "not a Slurm time (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED)"
        }
        return nil
    }

    /// A container image reference (the distribution project's grammar: [registry[:port]/]path[:tag][@digest],
    /// path components lowercase).
    public static func imageProblem(_ text: String) -> String? {
        if text.isEmpty { return "empty; give the image arbench runs in (e.g. registry.example/arbench:1)" }
        let component = #"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"#
        let domain = #"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?"#
        let tag = #"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"#
        let digest = #"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"#
        let pattern = "^(?:\(domain)/)?\(component)(?:/\(component))*(?::\(tag))?(?:@\(digest))?$"
        guard text.count <= 255, text.range(of: pattern, options: .regularExpression) != nil else {
            return "not an image reference ([registry/]name[:tag][@digest], the name lowercase, no spaces)"
        }
        return nil
    }

    /// A Kubernetes object name (DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253,
    /// starting and ending alphanumeric), as a PersistentVolumeClaim's name must be.
    public static func kubernetesNameProblem(_ text: String) -> String? {
        let pattern = #"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$"#
        guard text.count <= 253, text.range(of: pattern, options: .regularExpression) != nil else {
            return "not a Kubernetes name (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)"
        }
        return nil
    }
}
