/// Makes text from the outside world (feeds, servers) safe to print on one line of a terminal
/// or a log: no line breaks, no escape sequences, no bidi overrides, no invisible characters.
public enum SafeText {
    /// The text with every control character (C0, DEL, C1), line and paragraph separator and
    /// bidi control replaced by a space, zero-width characters removed, and runs of spaces
    /// collapsed.
    public static func oneLine(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x200B...0x200D, 0x2060, 0xFEFF:
                continue
            case 0x00...0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            default:
                result.append(scalar)
                lastWasSpace = false
            }
        }
        if result.last == " " { result.removeLast() }
        return String(result)
    }
}
