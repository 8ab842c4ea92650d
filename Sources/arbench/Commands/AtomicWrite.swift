import Foundation

/// Writes a file so that a reader never sees half of it: temp file in the same folder, then rename.
func writeAtomically(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
}
