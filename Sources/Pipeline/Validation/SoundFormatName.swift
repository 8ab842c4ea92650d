import CSndFile

/// Turns a libsndfile format code into a short label such as "WAV float32" or "FLAC 16-bit",
/// using libsndfile's own format table so formats added by newer versions still get a name.
enum SoundFormatName {
    static func describe(_ format: Int32) -> String {
        let major = format & Int32(SF_FORMAT_TYPEMASK)
        let subtype = format & Int32(SF_FORMAT_SUBMASK)
        let container = libraryName(major).map(firstWord) ?? "unknown"
        guard let encoding = shortEncodingName(subtype) ?? libraryName(subtype) else { return container }
        return "\(container) \(encoding)"
    }

    /// libsndfile calls WAV "WAV (Microsoft)" and FLAC "FLAC (Free Lossless Audio Codec)": the first word is the label.
    private static func firstWord(_ name: String) -> String {
        String(name.split(separator: " ").first ?? Substring(name))
    }

    private static func shortEncodingName(_ subtype: Int32) -> String? {
        switch Int(subtype) {
        case SF_FORMAT_PCM_S8: "8-bit"
        case SF_FORMAT_PCM_U8: "8-bit unsigned"
        case SF_FORMAT_PCM_16: "16-bit"
        case SF_FORMAT_PCM_24: "24-bit"
        case SF_FORMAT_PCM_32: "32-bit"
        case SF_FORMAT_FLOAT: "float32"
        case SF_FORMAT_DOUBLE: "float64"
        default: nil
        }
    }

    private static func libraryName(_ code: Int32) -> String? {
        var query = SF_FORMAT_INFO(format: code, name: nil, extension: nil)
        let status = sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &query, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
        guard status == 0, let name = query.name else { return nil }
        return String(cString: name)
    }
}
