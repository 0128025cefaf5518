#!/usr/bin/env python3
"""The Python reference for scripts/bench: the same line checks as `zien-shell check` does on a
leerling file (SPEC.md §1.1 and §3), written plainly with the csv module.

Usage: bench_reference.py FILE VESTIGING [VESTIGING...] -- CHOSEN
Prints the counts per level, so both sides can be compared on the same file.
"""
import csv
import re
import sys
import unicodedata
from datetime import date

EMAIL = re.compile(r"^[^\s@,;<>\"]+@[^\s@,;<>\"]+\.[^\s@,;<>\".]+$")
GENDER = {"m", "v", "o", "man", "vrouw", "onbekend"}
POST = {"", "ja", "nee", "j", "n", "1", "0", "waar", "onwaar", "true", "false"}


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        if any(0x80 <= b <= 0x9F for b in raw):
            return raw.decode("cp1252", errors="replace")
        return raw.decode("latin-1")


def parse_date(s):
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", s) or None
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def key(s):
    return s.lstrip("0") or "0" if s.isdigit() else s


def main():
    args = sys.argv[1:]
    path, rest = args[0], args[1:]
    sep = rest.index("--")
    known = {unicodedata.normalize("NFC", v) for v in rest[:sep]}
    chosen = unicodedata.normalize("NFC", rest[sep + 1])
    text = read_text(path)
    first = text[: text.find("\n")] if "\n" in text else text
    delim = "\t" if first.count("\t") > first.count(";") else ";"
    counts = {"fout": 0, "waarschuwing": 0, "info": 0}
    seen = {}
    mentors = {}
    reader = csv.reader(text.splitlines(), delimiter=delim)
    for lineno, row in enumerate(reader, start=1):
        row = [f.strip() for f in row]
        if lineno == 1 and row and row[0].lower() == "stamnr":
            continue
        if not any(row):
            continue
        if len(row) != 45:
            counts["fout"] += 1
            continue
        vest = unicodedata.normalize("NFC", row[8])
        if vest not in known:
            counts["fout"] += 1
            continue
        if vest != chosen:
            counts["waarschuwing"] += 1
            continue
        if not row[0]:
            counts["fout"] += 1
        else:
            k = key(row[0])
            if k in seen:
                counts["fout"] += 1
            else:
                seen[k] = lineno
        if not row[3]:
            counts["fout"] += 1
        if not row[4]:
            counts["waarschuwing"] += 1
        elif parse_date(row[4]) is None:
            counts["fout"] += 1
        g = row[5].lower()
        if not g:
            counts["fout"] += 1
        elif g in ("x", "anders"):
            counts["waarschuwing"] += 1
        elif g not in GENDER:
            counts["fout"] += 1
        if row[6] and not EMAIL.match(row[6]):
            counts["waarschuwing"] += 1
        if row[7] and parse_date(row[7]) is None:
            counts["fout"] += 1
        if not re.fullmatch(r"\d{1,4}", row[9]):
            counts["fout"] += 1
        if not re.fullmatch(r"[1-6]", row[10]):
            counts["fout"] += 1
        if not row[11]:
            counts["info"] += 1
        parents = 0
        for slot in range(3):
            c = 12 + slot * 6
            block = row[c:c + 6]
            if not any(block):
                continue
            parents += 1
            if block[3] and block[3].lower() not in GENDER:
                counts["waarschuwing"] += 1
            if block[4] and not EMAIL.match(block[4]):
                counts["waarschuwing"] += 1
            if block[5].lower() not in POST:
                counts["waarschuwing"] += 1
        if parents == 0:
            counts["info"] += 1
        found = 0
        for b in range(3):
            c = 30 + b * 5
            block = row[c:c + 5]
            if not any(block):
                continue
            if not block[0]:
                counts["waarschuwing"] += 1
                continue
            found += 1
            sig = tuple(block[1:])
            k = key(block[0])
            if k in mentors and mentors[k] != sig:
                counts["waarschuwing"] += 1
            mentors.setdefault(k, sig)
            if block[4] and not EMAIL.match(block[4]):
                counts["waarschuwing"] += 1
        if found == 0:
            counts["info"] += 1
    print(f"fout={counts['fout']} waarschuwing={counts['waarschuwing']} info={counts['info']}")


if __name__ == "__main__":
    main()
