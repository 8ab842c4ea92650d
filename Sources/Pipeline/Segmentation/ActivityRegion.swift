/// One run of active frames (gaps shorter than the minimum merged in), in absolute sample positions.
/// The segmenter hands it out as max-length pieces starting at `cursor`.
struct ActivityRegion {
    /// Start of the next piece to emit; begins at the padded start of the region.
    var cursor: Int
    /// End of the last active frame seen so far.
    var voicedEnd: Int
    /// Non-active frames since `voicedEnd`; reaching the minimum gap closes the region.
    var silentFrames = 0
    /// Padded end, set once the region is closed.
    var end: Int?
}
