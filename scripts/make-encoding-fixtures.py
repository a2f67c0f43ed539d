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
