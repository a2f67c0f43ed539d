import Testing
@testable import FeedParser

@Suite struct EncodingTests {
    @Test(arguments: [
        ("iso-8859-1.xml", "iso-8859-1", "Café résumé naïve"),
        ("windows-1252.xml", "windows-1252", "“Smart” quotes – and € sign"),
        ("iso-8859-2.xml", "iso-8859-2", "Łódź Kraków"),
        ("iso-8859-5.xml", "iso-8859-5", "Москва"),
        ("windows-1251.xml", "windows-1251", "Путин и Москва"),
        ("koi8-r.xml", "koi8-r", "Россия"),
        ("shift_jis.xml", "shift_jis", "東京のニュース"),
        ("euc-jp.xml", "euc-jp", "日本語の記事"),
        ("gb2312.xml", "gb2312", "中国新闻"),
        ("gbk.xml", "gbk", "中國新聞"),
        ("big5.xml", "big5", "臺灣新聞"),
        ("euc-kr.xml", "euc-kr", "한국 뉴스"),
        ("utf-16le-bom.xml", "utf-16le", "Ünïcödé ✓"),
        ("utf-16be-nobom.xml", "utf-16be", "Ünïcödé ✓"),
        ("utf-32le-bom.xml", "utf-32le", "Ünïcödé ✓"),
        ("utf-8-bom.xml", "utf-8", "Ünïcödé ✓"),
    ])
    func decodesDeclaredEncodings(file: String, encoding: String, title: String) throws {
        let feed = try Fixture.parse("encodings/\(file)")
        #expect(feed.encoding == encoding)
        #expect(feed.title == title)
        #expect(feed.entries.first?.title == title)
        #expect(!feed.bozo, "\(feed.bozoReason ?? "")")
    }

    @Test func httpCharsetWinsOverTheDeclarationForXMLTypes() throws {
        let feed = try Fixture.parse("encodings/undeclared-cp1251.xml",
                                     context: .init(contentType: "text/xml; charset=windows-1251"))
        #expect(feed.encoding == "windows-1251")
        #expect(feed.title == "Путин и Москва")
    }

    @Test func aByteOrderMarkWinsOverTheHTTPCharset() throws {
        let feed = try Fixture.parse("encodings/utf-16le-bom.xml",
                                     context: .init(contentType: "application/rss+xml; charset=iso-8859-1"))
        #expect(feed.encoding == "utf-16le")
        #expect(feed.title == "Ünïcödé ✓")
    }

    @Test func charsetOfANonXMLNonTextTypeIsIgnored() throws {
        let feed = try Fixture.parse("encodings/iso-8859-1.xml", context: .init(contentType: "application/octet-stream; charset=utf-8"))
        #expect(feed.encoding == "iso-8859-1")
        #expect(feed.title == "Café résumé naïve")
    }

    @Test func aDocumentThatLiesAboutUTF8IsRecoveredAndFlagged() throws {
        let feed = try Fixture.parse("encodings/lie-utf8-is-cp1252.xml")
        #expect(feed.title == "Café “quoted”")
        #expect(feed.encoding == "windows-1252")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("not valid utf-8") == true)
    }

    @Test func aUTF16DeclarationOnASCIIBytesIsRecoveredAndFlagged() throws {
        let feed = try Fixture.parse("encodings/lie-utf16-is-utf8.xml")
        #expect(feed.title == "Ünïcödé ✓")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("declares utf-16") == true)
    }

    @Test func aFewBadBytesInUTF8BecomeReplacementCharacters() throws {
        let feed = try Fixture.parse("encodings/utf8-one-bad-byte.xml")
        #expect(feed.title == "Zelensky – Київ\u{FFFD}")
        #expect(feed.encoding == "utf-8")
        #expect(feed.bozo)
    }

    @Test func servedAsHTMLIsFlagged() throws {
        let feed = try Fixture.parse("rss091.xml", context: .init(contentType: "text/html; charset=utf-8"))
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("served as text/html") == true)
        #expect(feed.title == "Version 0.91 feed")
    }
}

/// Encodings as real feeds name and misuse them (fixtures from scripts/make-encoding-fixtures.py).
@Suite struct RealWorldEncodingTests {
    @Test(arguments: [
        ("windows_1251-underscore.xml", "Путин и Москва"),
        ("macroman.xml", "Café – “quoted” ©"),
        ("maccyrillic.xml", "Москва"),
        ("cp850.xml", "Zürich Ñandú ½"),
        ("ibm861.xml", "Reykjavík Þingvellir"),
        ("cp500.xml", "EBCDIC Zürich [x]"),
        ("cp875.xml", "Αθήνα"),
    ])
    func codecNamesAsFeedsWriteThem(file: String, title: String) throws {
        let feed = try Fixture.parse("encodings/\(file)")
        #expect(feed.title == title, "\(file): \(feed.bozoReason ?? "")")
        #expect(feed.entries.first?.title == title)
        #expect(!feed.bozo, "\(file): \(feed.bozoReason ?? "")")
    }

    @Test(arguments: ["cp-is", "csIBM861", "861", "ibm-861"])
    func dosCodePageAliases(label: String) throws {
        // Þ is 0x8D in cp861.
        let bytes = Array("<?xml version=\"1.0\" encoding=\"\(label)\"?><rss version=\"2.0\"><channel><title>".utf8) + [0x8D]
            + Array("ingvellir</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        #expect(feed.title == "Þingvellir", "\(label)")
    }

    @Test(arguments: [("undeclared-cp1251-long.xml", "windows-1251", "Министерство обороны России"),
                      ("undeclared-shift_jis.xml", "shift_jis", "日本政府は")])
    func undeclaredNonUTF8IsDetected(file: String, encoding: String, start: String) throws {
        let feed = try Fixture.parse("encodings/\(file)")
        #expect(feed.encoding == encoding)
        #expect(feed.title?.hasPrefix(start) == true, "\(feed.title ?? "nil")")
        #expect(feed.bozoReason?.contains("no encoding declared and not utf-8; detected \(encoding)") == true)
    }

    @Test func c1BytesInISO88591AreWindows1252() throws {
        let feed = try Fixture.parse("encodings/iso-8859-1-c1.xml")
        #expect(feed.title == "“Smart” quotes – and € sign…")
    }

    @Test func doubleEncodedUTF8IsRepairedAndFlagged() throws {
        let feed = try Fixture.parse("encodings/double-encoded.xml")
        #expect(feed.title == "Café … “quoted” – done")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("double-encoded UTF-8 repaired") == true)
    }

    /// Accented letters next to punctuation or a no-break space are ordinary text, not double encoding.
    @Test(arguments: ["Spaß“ am Ende", "CAFÉ\u{00A0}!", "allé… » fin", "Nação… e “São” Paulo", "Überraschung – é ç"])
    func ordinaryEuropeanTextIsLeftAlone(text: String) throws {
        let feed = try FeedParser().parse(Array("<rss version=\"2.0\"><channel><title>\(text)</title></channel></rss>".utf8))
        #expect(feed.title == text.trimmed)
        #expect(!feed.bozo, "\(feed.bozoReason ?? "")")
    }

    @Test func anUndeclaredUTF8DocumentWithOneStrayByteStaysUTF8() throws {
        let bytes = Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Zelensky – Київ, Москва і Мінськ".utf8) + [0xFF]
            + Array("</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        #expect(feed.encoding == "utf-8")
        #expect(feed.title?.hasPrefix("Zelensky – Київ, Москва і Мінськ") == true, "\(feed.title ?? "nil")")
    }

    @Test func accentedTextIsNotMistakenForDoubleEncoding() throws {
        let plain = try FeedParser().parse(Array("<rss version=\"2.0\"><channel><title>Ärger in Köln, Ça va à Paris « très » ôté</title></channel></rss>".utf8))
        #expect(plain.title == "Ärger in Köln, Ça va à Paris « très » ôté")
        #expect(!plain.bozo)
        // "Ãœ" is Ü encoded twice; the genuine Ä beside it stays.
        let mixed = try FeedParser().parse(Array("<rss version=\"2.0\"><channel><title>Ãœber Ärger</title></channel></rss>".utf8))
        #expect(mixed.title == "Über Ärger")
    }

    @Test func anUpperCaseHexCharacterReferenceIsOne() throws {
        let feed = try FeedParser().parse(Array("<rss version=\"2.0\"><channel><title>&#X41;&#x42;&#67;</title></channel></rss>".utf8))
        #expect(feed.title == "ABC")
    }
}
