#!/usr/bin/env python3
"""Recall of the references plugin against the UN's own hyperlinks.

    refs_recall.py [-v] [--unmine PATH] [--plugin-path DIRS] [--corpus DIR]
                   [--min R] [JSON...]

The development corpus holds UN documents as lists of paragraphs
(un-documents/json/*.json); in the recent ones each paragraph's "links"
holds the hyperlinks the UN put on its references, as [surface text,
"https://undocs.org/en/SYMBOL"]. Each document's paragraphs are run through
unmine (plugins dates and references, standoff output); a link counts as
found when the paragraph holds an annotation whose "symbol" is the linked
symbol (compared without spaces and case, "%20" decoded). Prints the
recall and, with -v, every miss with its surface text. Exits 1 when the
recall is below --min (default 0.98), 2 on a setup error, 77 (skipped)
when the development corpus is not there.
"""
import argparse
import glob
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
import urllib.parse


def canon(sym):
    return re.sub(r"\s+", "", urllib.parse.unquote(sym)).upper()


def link_symbol(url):
    for key in ("/en/", "undocs.org/"):
        if key in url:
            return canon(url.split(key, 1)[1])
    return canon(url)


def main():
    # Under make check, top_srcdir and top_builddir come from the
    # environment; by hand, the defaults are the source tree and build/.
    top = os.environ.get("top_srcdir") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = os.environ.get("top_builddir") or os.path.join(top, "build")
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--unmine", default=os.path.join(build, "core", "unmine"))
    ap.add_argument("--plugin-path", default=os.path.join(build, "plugins", "dates", ".libs") + ":" +
                    os.path.join(build, "plugins", "references", ".libs"))
    ap.add_argument("--corpus", default=os.environ.get("UNMINE_CORPUS_DEV") or
                    os.path.join(top, "..", "shared", "corpus-dev"))
    ap.add_argument("--min", type=float, default=0.98)
    ap.add_argument("json", nargs="*")
    a = ap.parse_args()
    if not a.json and not os.path.isdir(a.corpus):
        # A distribution tarball is built and tested away from the corpus.
        print("refs_recall: no development corpus at %s; skipped" % a.corpus)
        return 77
    files = a.json or sorted(glob.glob(os.path.join(a.corpus, "un-documents", "json", "*.json")))
    if not files:
        print("refs_recall: no JSON files", file=sys.stderr)
        return 2
    cmd = [a.unmine, "--plugins", "dates,references", "-f", "standoff", "-i", "txt", "-q", "-"]
    if a.plugin_path:
        for d in a.plugin_path.split(":"):
            cmd[1:1] = ["-P", d]
    links = found = 0
    misses = []
    for f in files:
        paras = json.load(open(f, encoding="utf-8"))
        texts = [p.get("text") or "" for p in paras]
        src = "\n\n".join(texts) + "\n"
        r = subprocess.run(cmd, input=src.encode("utf-8"), capture_output=True)
        if r.returncode != 0:
            print("refs_recall: %s: unmine failed: %s" % (f, r.stderr.decode()), file=sys.stderr)
            return 2
        out = r.stdout.decode("utf-8")
        m = re.search(r'<text xml:space="preserve">(.*?)</text>', out, re.S)
        text = html.unescape(m.group(1)) if m else ""
        anns = []
        for m in re.finditer(r'<annotation [^>]*start="(\d+)" end="(\d+)">(.*?)</annotation>', out, re.S):
            attrs = dict(re.findall(r'<attr name="([\w-]+)">([^<]*)</attr>', m.group(3)))
            if "symbol" in attrs:
                anns.append((int(m.group(1)), int(m.group(2)), canon(html.unescape(attrs["symbol"]))))
        # Offsets of each paragraph in the normalised text: the texts are
        # joined as given, so they follow one another two characters apart.
        bounds = []
        pos = 0
        for t in texts:
            n = len(unicodedata.normalize("NFC", t.replace("\r\n", "\n")))
            bounds.append((pos, pos + n))
            pos += n + 2
        if pos - 1 != len(text):
            print("refs_recall: %s: the text changed in normalisation" % f, file=sys.stderr)
            return 2
        for p, (b, e) in zip(paras, bounds):
            have = [s for (s0, e0, s) in anns if s0 >= b and e0 <= e]
            for surface, url in p.get("links", []):
                want = link_symbol(url)
                links += 1
                if want in have:
                    have.remove(want)
                    found += 1
                else:
                    misses.append((os.path.basename(f), surface, want))
    recall = found / links if links else 0.0
    if a.v:
        for f, s, w in misses:
            print("miss %s: %r -> %s" % (f, s, w))
    print("refs recall: %d of %d linked references found with the linked symbol: %.3f" % (found, links, recall))
    return 0 if recall >= a.min else 1


if __name__ == "__main__":
    sys.exit(main())
