import Glibc

/// Converts text in any encoding glibc's iconv knows to UTF-8.
/// https://man7.org/linux/man-pages/man3/iconv.3.html
enum Transcoder {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes as UTF-8. Strict by default: an invalid sequence is a failure. `lenient`
    /// replaces each undecodable byte with U+FFFD instead.
    static func toUTF8(_ bytes: [UInt8], from encoding: String, lenient: Bool = false) -> Result<[UInt8], Failure> {
        let name = encoding.lowercased()
        if name == "utf-8" || name == "utf8" {
            if UTF8Repair.isValid(bytes) { return .success(bytes) }
            if lenient { return .success(UTF8Repair.repair(bytes).utf8) }
            return .failure(Failure(description: "the document is not valid utf-8"))
        }
        guard let converter = open(name) else {
            return .failure(Failure(description: "unknown encoding \(encoding)"))
        }
        defer { iconv_close(converter) }
        return convert(bytes, with: converter, lenient: lenient, name: encoding)
    }

    /// An iconv descriptor for the encoding, trying glibc's name, then Python's spellings.
    private static func open(_ name: String) -> iconv_t? {
        for candidate in [name] + aliases(of: name) {
            let descriptor = iconv_open("UTF-8", candidate)
            if let descriptor, descriptor != iconv_t(bitPattern: -1) { return descriptor }
        }
        return nil
    }

    /// Python's codec names that glibc spells differently.
    private static func aliases(of name: String) -> [String] {
        let dashed = name.replacingOccurrences(of: "_", with: "-")
        var names = [dashed]
        if name.allSatisfy(\.isNumber) { names.append("cp" + name) }
        if name.hasPrefix("x-") { names.append(String(name.dropFirst(2))) }
        let special: [String: String] = [
            "cp-is": "cp861", "cp_is": "cp861", "macroman": "macintosh", "mac-roman": "macintosh",
            "maccentraleurope": "mac-centraleurope", "maclatin2": "mac-centraleurope",
            "macgreek": "cp1253", "maciceland": "mac-is", "macturkish": "cp1254",
            "ks_c_5601-1987": "cp949", "cp1125": "cp1125", "ibm039": "ibm037",
        ]
        if let mapped = special[name] ?? special[dashed] { names.append(mapped) }
        return names
    }

    private static func convert(_ bytes: [UInt8], with converter: iconv_t, lenient: Bool, name: String) -> Result<[UInt8], Failure> {
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var written = 0
        var input = bytes
        return input.withUnsafeMutableBufferPointer { inputBuffer -> Result<[UInt8], Failure> in
            var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            while true {
                let (result, failure): (Int, Int32) = output.withUnsafeMutableBufferPointer { outputBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress! + written).assumingMemoryBound(to: CChar.self)
                    var outLeft = outputBuffer.count - written
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    written = outputBuffer.count - outLeft
                    return (result, result == -1 ? errno : 0)
                }
                if result != -1 {
                    // Flush any shift state.
                    return .success(Array(output[..<written]))
                }
                switch failure {
                case E2BIG:
                    output += [UInt8](repeating: 0, count: output.count)
                case EILSEQ where lenient, EINVAL where lenient:
                    guard inLeft > 0 else { return .success(Array(output[..<written])) }
                    if output.count - written < 3 { output += [UInt8](repeating: 0, count: 64) }
                    output.replaceSubrange(written..<written + 3, with: [0xEF, 0xBF, 0xBD])
                    written += 3
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                case EILSEQ:
                    return .failure(Failure(description: "the document is not valid \(name) (at byte \(bytes.count - inLeft))"))
                case EINVAL:
                    return .failure(Failure(description: "the document ends inside a \(name) character"))
                default:
                    return .failure(Failure(description: "cannot decode \(name): error \(failure)"))
                }
            }
        }
    }
}
