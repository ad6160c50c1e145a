import Foundation
import StoryWatch

/// Reads the dates that feeds carry: RFC 822 and its real-world variants (two-digit years,
/// named and numeric zones, missing seconds, day and month names in other languages, asctime
/// and Twitter orders), RFC 3339 and the ISO 8601 / W3C-DTF forms, and Korean dates.
/// Anything unreadable is nil, never a guess.
public enum FeedDate {
    public static func parse(_ text: String) -> Date? {
        if let common = CommonDate.parse(text) { return common }
        let trimmed = text.trimmed
        guard !trimmed.isEmpty, trimmed.utf8.count < 100 else { return nil }
        if let korean = KoreanDate.parse(trimmed) { return korean }
        if let first = trimmed.unicodeScalars.first, first == "-" || ("0"..."9").contains(first),
           let iso = ISO8601Date.parse(trimmed) {
            return iso
        }
        return RFC822Date.parse(trimmed)
    }
}

/// Month names and abbreviations in the languages of the sources, lower-cased.
enum MonthNames {
    static func month(_ word: Substring) -> Int? {
        var key = word.lowercased()
        while key.last == "." { key.removeLast() }
        return table[key]
    }

    private static let table: [String: Int] = {
        let months: [[String]] = [
            ["jan", "january", "januari", "januar", "janvier", "janv", "január", "января", "январь", "янв", "січня", "січень", "січ", "ιαν", "ιανουαρίου"],
            ["feb", "february", "februari", "februar", "février", "févr", "fevrier", "február", "февраля", "февраль", "фев", "лютого", "лютий", "лют", "φεβ", "φεβρουαρίου"],
            ["mar", "march", "maart", "mrt", "märz", "maerz", "mär", "mrz", "mars", "március", "марта", "март", "мар", "березня", "березень", "бер", "μάρ", "μαρ", "μαρτίου"],
            ["apr", "april", "avril", "avr", "április", "апреля", "апрель", "апр", "квітня", "квітень", "кві", "квіт", "απρ", "απριλίου"],
            ["may", "mei", "mai", "május", "мая", "май", "травня", "травень", "тра", "трав", "μάι", "μαι", "μαΐ", "μαϊ", "μαΐου"],
            ["jun", "june", "juni", "juin", "június", "июня", "июнь", "июн", "червня", "червень", "чер", "черв", "ιούν", "ιουν", "ιον", "ιουνίου"],
            ["jul", "july", "juli", "juillet", "juil", "július", "июля", "июль", "июл", "липня", "липень", "лип", "ιούλ", "ιουλ", "ιολ", "ιουλίου"],
            ["aug", "august", "augustus", "août", "aout", "augusztus", "августа", "август", "авг", "серпня", "серпень", "сер", "серп", "αύγ", "αυγ", "αυγούστου"],
            ["sep", "sept", "september", "septembre", "szeptember", "сентября", "сентябрь", "сен", "сент", "вересня", "вересень", "вер", "σεπ", "σεπτεμβρίου"],
            ["oct", "october", "oktober", "okt", "octobre", "október", "октября", "октябрь", "жовтня", "жовтень", "жов", "жовт", "οκτ", "οκτωβρίου"],
            ["nov", "november", "novembre", "ноября", "ноябрь", "ноя", "листопада", "листопад", "лис", "лист", "νοέ", "νοε", "νοεμβρίου"],
            ["dec", "december", "dezember", "dez", "décembre", "déc", "decembre", "декабря", "декабрь", "дек", "грудня", "грудень", "гру", "груд", "δεκ", "δεκεμβρίου"],
        ]
        var table: [String: Int] = [:]
        for (index, names) in months.enumerated() {
            for name in names { table[name] = index + 1 }
        }
        return table
    }()
}

/// Time zone abbreviations seen in feeds, in minutes east of UTC.
enum ZoneNames {
    static func offset(_ name: Substring) -> Int? {
        table[name.uppercased()]
    }

    private static let table: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "ETC/GMT": 0, "ETC/UTC": 0, "WET": 0,
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
        "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
        "AT": -240, "ET": -300, "CT": -360, "MT": -420, "PT": -480, "AST": -240, "ADT": -180,
        "NST": -210, "NDT": -150,
        "BST": 60, "IST": 60, "WEST": 60, "CET": 60, "MET": 60, "MEZ": 60, "CEST": 120, "MEST": 120,
        "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "MSD": 240,
        "KST": 540, "JST": 540, "HKT": 480, "SGT": 480, "AWST": 480, "ACST": 570, "AEST": 600,
        "AEDT": 660, "NZST": 720, "NZDT": 780,
    ]
}
