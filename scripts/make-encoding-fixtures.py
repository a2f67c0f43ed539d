#!/usr/bin/env python3
"""Writes the encoding fixtures of Tests/FeedParserTests/Fixtures/encodings: one small RSS document per
encoding, each with a title whose text is known, so the tests can assert the decoded characters.
Run from the repository root; the output is committed."""
import os

OUT = "Tests/FeedParserTests/Fixtures/encodings"
os.makedirs(OUT, exist_ok=True)

def rss(title, declared):
    decl = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else '<?xml version="1.0"?>\n'
    return decl + f"<rss version=\"2.0\"><channel><title>{title}</title><item><title>{title}</title></item></channel></rss>\n"

cases = [
    # file name, declared encoding, codec used to write the bytes, title text
    ("iso-8859-1.xml", "ISO-8859-1", "latin-1", "Café résumé naïve"),
    ("windows-1252.xml", "windows-1252", "cp1252", "“Smart” quotes – and € sign"),
    ("iso-8859-2.xml", "ISO-8859-2", "iso8859-2", "Łódź Kraków"),
    ("iso-8859-5.xml", "ISO-8859-5", "iso8859-5", "Москва"),
    ("windows-1251.xml", "windows-1251", "cp1251", "Путин и Москва"),
    ("koi8-r.xml", "KOI8-R", "koi8-r", "Россия"),
    ("shift_jis.xml", "Shift_JIS", "shift_jis", "東京のニュース"),
    ("euc-jp.xml", "EUC-JP", "euc-jp", "日本語の記事"),
    ("gb2312.xml", "GB2312", "gb2312", "中国新闻"),
    ("gbk.xml", "GBK", "gbk", "中國新聞"),
    ("big5.xml", "Big5", "big5", "臺灣新聞"),
    ("euc-kr.xml", "EUC-KR", "euc-kr", "한국 뉴스"),
]
for name, declared, codec, title in cases:
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(rss(title, declared).encode(codec))

title = "Ünïcödé ✓"
with open(os.path.join(OUT, "utf-16le-bom.xml"), "wb") as f:
    f.write(b"\xff\xfe" + rss(title, "UTF-16").encode("utf-16-le"))
with open(os.path.join(OUT, "utf-16be-nobom.xml"), "wb") as f:
    f.write(rss(title, "UTF-16").encode("utf-16-be"))
with open(os.path.join(OUT, "utf-32le-bom.xml"), "wb") as f:
    f.write(b"\xff\xfe\x00\x00" + rss(title, "UTF-32").encode("utf-32-le"))
with open(os.path.join(OUT, "utf-8-bom.xml"), "wb") as f:
    f.write(b"\xef\xbb\xbf" + rss(title, "utf-8").encode("utf-8"))
# Lies: declares UTF-8 but is windows-1252; declares UTF-16 but is plain ASCII/UTF-8.
with open(os.path.join(OUT, "lie-utf8-is-cp1252.xml"), "wb") as f:
    f.write(rss("Café “quoted”", "utf-8").encode("cp1252"))
with open(os.path.join(OUT, "lie-utf16-is-utf8.xml"), "wb") as f:
    f.write(rss(title, "UTF-16").encode("utf-8"))
# No declaration at all, windows-1251 bytes: only an HTTP charset can say what it is.
with open(os.path.join(OUT, "undeclared-cp1251.xml"), "wb") as f:
    f.write(rss("Путин и Москва", None).encode("cp1251"))
# Mostly valid UTF-8 with one broken byte.
with open(os.path.join(OUT, "utf8-one-bad-byte.xml"), "wb") as f:
    f.write(rss("Zelensky – Київ", "utf-8").encode("utf-8").replace("Київ".encode(), "Київ".encode() + b"\xff"))

# Encoding names as real feeds write them, and code pages beyond the common ones.
RUSSIAN = "Министерство обороны России сообщило о новых кибероперациях против инфраструктуры страны"
JAPANESE = "日本政府は新たなサイバー攻撃について声明を発表しました。専門家は警戒を呼びかけています。"
named = [
    ("windows_1251-underscore.xml", "windows_1251", "cp1251", "Путин и Москва"),
    ("macroman.xml", "MacRoman", "mac_roman", "Café – “quoted” ©"),
    ("maccyrillic.xml", "x-mac-cyrillic", "mac_cyrillic", "Москва"),
    ("cp850.xml", "cp850", "cp850", "Zürich Ñandú ½"),
    ("ibm861.xml", "IBM861", "cp861", "Reykjavík Þingvellir"),
    ("cp500.xml", "cp500", "cp500", "EBCDIC Zürich [x]"),
    ("cp875.xml", "cp875", "cp875", "Αθήνα"),
]
for name, declared, codec, title in named:
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(rss(title, declared).encode(codec))
# Undeclared and not UTF-8: only a detector can tell (enough text for one to work on).
for name, codec, text in [("undeclared-cp1251-long.xml", "cp1251", RUSSIAN), ("undeclared-shift_jis.xml", "shift_jis", JAPANESE)]:
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(rss(text, None).encode(codec))
# Labelled ISO-8859-1, but with windows-1252's C1 bytes (quotes, dashes, the euro sign), as browsers read it.
with open(os.path.join(OUT, "iso-8859-1-c1.xml"), "wb") as f:
    f.write(rss("“Smart” quotes – and € sign…", "ISO-8859-1").encode("cp1252"))
# UTF-8 decoded as windows-1252 and encoded as UTF-8 again: "â€¦" for "…". The five bytes windows-1252
# leaves undefined become U+0081…U+009D, as browsers decode them.
def as_windows_1252(data):
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data)
with open(os.path.join(OUT, "double-encoded.xml"), "wb") as f:
    f.write(as_windows_1252(rss("Café … “quoted” – done", "utf-8").encode("utf-8")).encode("utf-8"))
