import Foundation

/// Who an email is from and to, and the list it belongs to.
public struct EmailAddressing: Sendable, Equatable {
    public var from: String
    public var to: [String]
    /// The sink's name: the List-Id's label, so a mail filter can sort the alerts out.
    public var list: String

    public init(from: String, to: [String], list: String) {
        self.from = from
        self.to = to
        self.list = list
    }

    /// The part after the @ of the sender, for the Message-ID and List-Id.
    var domain: String {
        let host = from.split(separator: "@").last.map(String.init) ?? "feedwatch.invalid"
        let kept = host.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        return kept.isEmpty ? "feedwatch.invalid" : kept
    }
}

/// An alert, or a digest of alerts, as an RFC 5322 message: a text part and an HTML part
/// (multipart/alternative), each UTF-8 in base64, so no line of feed text can end the headers,
/// start a MIME boundary or be read as SMTP's end of data. The Message-ID comes from the alert (or
/// digest) id, so a retry is the same message and a mail store can drop the repeat; the Date is
/// when the alert was raised, for the same reason.
public enum EmailMessage {
    public static func render(_ documents: [AlertDocument], id: String, digest: Bool, addressing: EmailAddressing, date: Date) -> [UInt8] {
        let subject: String
        if digest || documents.count != 1 {
            subject = "feedwatch: \(documents.count == 1 ? "1 alert" : "\(documents.count) alerts")"
        } else {
            subject = "feedwatch: " + WebhookBody.cut(documents.first?.headline ?? "alert", to: 200)
        }
        let boundary = "feedwatch-" + id.filter { $0.isLetter || $0.isNumber || $0 == "_" }
        let label = "feedwatch-" + String(addressing.list.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let headers = [
            "From: \(addressing.from)",
            "To: \(addressing.to.joined(separator: ", "))",
            "Subject: \(encodedWords(subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(id)@\(addressing.domain)>",
            "List-Id: feedwatch alerts <\(label).\(addressing.domain)>",
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [("text/plain", plainText(documents)), ("text/html", html(documents, title: subject))].map { type, text in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64Lines(text)
        }
        let message = headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined() + "--\(boundary)--\r\n"
        return Array(message.utf8)
    }

    /// Each alert: its title, link and context, then why it alerted.
    static func plainText(_ documents: [AlertDocument]) -> String {
        documents.map { document in
            var lines = [document.entry?.title ?? document.headline]
            if let link = document.entry?.link, ChatEscaping.isWebLink(link) { lines.append(link) }
            lines.append(WebhookBody.context(document))
            lines += WebhookBody.reasons(document)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// The same as HTML, every text escaped: the only markup is feedwatch's own.
    static func html(_ documents: [AlertDocument], title: String) -> String {
        let escape = ChatEscaping.html
        let items = documents.map { document in
            var heading = "<b>\(escape(document.entry?.title ?? document.headline))</b>"
            if let link = document.entry?.link, ChatEscaping.isWebLink(link) { heading = "<a href=\"\(escape(link))\">\(heading)</a>" }
            let reasons = WebhookBody.reasons(document).map { "<li>\(escape($0.hasPrefix("• ") ? String($0.dropFirst(2)) : $0))</li>" }
            return "<p>\(heading)<br><i>\(escape(WebhookBody.context(document)))</i></p>" + (reasons.isEmpty ? "" : "<ul>\(reasons.joined())</ul>")
        }
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head><body>\(items.joined(separator: "<hr>"))</body></html>"
    }

    /// A header's text as RFC 2047 encoded words when it is not plain ASCII (or holds a line break),
    /// each word under 76 characters, folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        let flat = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        if flat.unicodeScalars.allSatisfy({ $0.isASCII }), flat.count < 900 { return flat }
        var words: [String] = [], chunk = ""
        for character in flat {
            // 45 bytes of UTF-8 are 60 of base64: with "=?UTF-8?B?" and "?=", 72 characters.
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `Tue, 01 Dec 2026 16:40:00 +0000`, as RFC 5322 §3.3 writes a date.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    static func base64Lines(_ text: String) -> String {
        let encoded = Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return encoded + "\r\n"
    }
}
