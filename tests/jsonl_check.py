#!/usr/bin/env python3
"""Checks JSON Lines output of unmine against its JSON Schema.

usage: jsonl_check.py SCHEMA FILE LINES

Every line must be one JSON object valid against SCHEMA, there must be
LINES of them, and every span's text must be text[start:end].
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
    if lines[-1] != "":
        print("the output does not end with a line break")
        return 1
    lines = lines[:-1]
    bad = 0
    for n, line in enumerate(lines, 1):
        doc = json.loads(line)
        for err in validator.iter_errors(doc):
            print("line %d: %s" % (n, err.message))
            bad += 1
        for a in doc.get("annotations", []):
            if doc["text"][a["start"]:a["end"]] != a["text"]:
                print("line %d: %s: text[%d:%d] is not %r" %
                      (n, a["id"], a["start"], a["end"], a["text"]))
                bad += 1
    if len(lines) != int(sys.argv[3]):
        print("%d documents, expected %s" % (len(lines), sys.argv[3]))
        bad += 1
    print("jsonl: %d documents, %d problems" % (len(lines), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
