#!/usr/bin/env python3
"""Independent implementation of ../shared/corpus/RULES.md (beside the checkout), used to write expected.json.

Not Tidemark's code and not shared with it: Python + lxml (libxml2) for well-formedness,
then the counting rules walked by hand.

Usage:
  python3 compute_expected.py                 # (re)write expected.json next to this script
  python3 compute_expected.py --check         # compare with the committed expected.json, exit 1 on diff
  python3 compute_expected.py --corpus DIR    # recompute every entry of DIR/expected.json and compare
"""
import gzip
import io
import json
import math
import os
import re
import sys
from decimal import Decimal, InvalidOperation

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Hand-assigned outcomes for the error fixtures (the brief: kinds are decided by a person, not
# derived). The automatic classification below must agree; a disagreement is reported.
# "line"/"column" are recorded only where the position is part of the test (1-based, as libxml2
# reports them: line of the offending token, column just after it).
HAND_ERRORS = {
    "broken-empty.xml": {"error": "empty"},
    "broken-whitespace-only.xml": {"error": "empty"},
    "broken-truncated-mid-tag.xml": {"error": "malformed"},
    "broken-truncated-at-line-boundary.xml": {"error": "malformed"},
    "broken-two-documents.xml": {"error": "malformed"},
    "broken-mismatched-tag.xml": {"error": "malformed", "line": 9, "column": 47},
    "broken-html-page.xml": {"error": "not-cobertura"},
    "broken-xhtml-page.xml": {"error": "not-cobertura"},
    "broken-sonarqube-generic.xml": {"error": "not-cobertura"},
    "broken-junit-as-coverage.xml": {"error": "not-cobertura"},
    "broken-packages-empty.xml": {"error": "no-measurement", "files": 0},
    "broken-classes-without-lines.xml": {"error": "no-measurement", "files": 2},
    "security-billion-laughs.xml": {"error": "malformed"},
    "security-xxe-local-file.xml": {"error": "malformed"},
    "security-xxe-parameter-entity.xml": {"error": "malformed"},
}

# Producer ids, only for fixtures that carry the tool's own unmistakable signature
# (see README.md, "producer").
PRODUCERS = {
    "coverage.py-branches.xml": "coverage.py",
    "coverage.py-missing-branches.xml": "coverage.py",
    "gcovr-conditions.xml": "gcovr",
    "gcovr-8.8-inline-header.xml": "gcovr",
    "grcov-methods-repeat-class-lines.xml": "grcov",
    "java-conditions.xml": "cobertura-java",
}

WS = b" \t\r\n"


class Reject(Exception):
    def __init__(self, kind, **extra):
        super().__init__(kind)
        self.entry = {"error": kind, **extra}


def read_bytes(path):
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def to_utf8(data):
    """UTF-16 with BOM: decode ourselves and drop the (lying) encoding declaration."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")  # BOM picks the byte order and is removed
        text = re.sub(r'^(<\?xml[^?]*?)\s+encoding\s*=\s*["\'][^"\']*["\']', r"\1", text)
        return text.encode("utf-8")
    return data


def parse(data):
    # "empty": zero bytes, or nothing but XML white space (after any byte-order mark)
    text = to_utf8(data)
    if text[:3] == b"\xef\xbb\xbf":
        text = text[3:]
    if text.strip(WS) == b"":
        raise Reject("empty")
    data = text
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                             huge_tree=False, dtd_validation=False, remove_comments=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        raise Reject("malformed", line=line, column=col)
    # Policy: no entity substitution, so any reference to a non-predefined entity that survives
    # parsing (external or undeclared) is an error, never silently dropped or expanded.
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise Reject("malformed")
    return root


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def children(el, name):
    return [c for c in el if local(c.tag) == name]


# ----------------------------------------------------------------------------- Cobertura
COND = re.compile(r"\(\s*(\d+)\s*/\s*(\d+)\s*\)")
LINE_NUMBER = re.compile(r"\d+")
DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
XML_SPACE = " \t\r\n"
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1


def parse_hits(text):
    """The hit count to keep, or None when the line is skipped (README, "How counting works"):
    a decimal number (sign, fraction, exponent allowed; no hex, inf or nan); below 0 -> 0;
    a fraction -> rounded up; above 2^63-1 -> 2^63-1; anything else or missing -> skipped."""
    if text is None:
        return None
    t = text.strip(XML_SPACE)
    if not DECIMAL.fullmatch(t):
        return None
    v = Decimal(t)
    if v < 0:
        return 0
    if v > INT64_MAX:
        return INT64_MAX
    return int(v.to_integral_value(rounding="ROUND_CEILING"))


def read_line(el):
    """(number, hits, branchesValid, branchesCovered), or None when the line is skipped."""
    raw = el.get("number")
    if raw is None or not LINE_NUMBER.fullmatch(raw.strip(XML_SPACE)):
        return None
    number = int(raw.strip(XML_SPACE))
    if not 1 <= number <= INT32_MAX:
        return None
    hits = parse_hits(el.get("hits"))
    if hits is None:
        return None
    bvalid = bcov = 0
    if (el.get("branch") or "").strip().lower() == "true":
        m = COND.search(el.get("condition-coverage") or "")
        if m:
            cov, valid = int(m.group(1)), int(m.group(2))
            # More covered than there are, or beyond 32 bits: the line counts without branches.
            if cov <= valid <= INT32_MAX:
                bcov, bvalid = cov, valid
    return number, hits, bvalid, bcov


def class_lines(cls):
    direct = [l for lines in children(cls, "lines") for l in children(lines, "line")]
    if direct:
        return direct
    out = []
    for methods in children(cls, "methods"):
        for method in children(methods, "method"):
            for lines in children(method, "lines"):
                out.extend(children(lines, "line"))
    return out


def all_classes(packages):
    for child in packages:
        name = local(child.tag)
        if name == "class":
            yield child
        elif name == "package":
            for pc in child:
                pn = local(pc.tag)
                if pn == "class":
                    yield pc
                elif pn == "classes":
                    yield from children(pc, "class")


def timestamp(root):
    raw = root.get("timestamp")
    if raw is None:
        return None
    try:
        v = Decimal(raw.strip())
    except InvalidOperation:
        return None
    if not v.is_finite() or v <= 0:
        return None
    if v > Decimal("1e11"):
        v = v / 1000
    # After 9999-12-31T23:59:59Z: no usable time (Tidemark warns).
    if v > 253402300799:
        return None
    return int(v.to_integral_value(rounding="ROUND_FLOOR"))


def sniff_root(data):
    """The root element's local name, read as a stream (a reader stops there), or None."""
    text = to_utf8(data)
    try:
        for _, el in etree.iterparse(io.BytesIO(text), events=("start",), resolve_entities=False,
                                     load_dtd=False, no_network=True):
            return local(el.tag)
    except etree.XMLSyntaxError:
        return None
    return None


def cobertura(path):
    try:
        data = read_bytes(path)
        # A streaming reader decides "not Cobertura" at the root element, before any later
        # well-formedness error (an HTML page with an unclosed <meta> is reported as HTML).
        first = sniff_root(data)
        if first is not None and first != "coverage":
            raise Reject("not-cobertura")
        root = parse(data)
        if local(root.tag) != "coverage":
            raise Reject("not-cobertura")
        packages = children(root, "packages")
        if not packages:
            raise Reject("not-cobertura")
        files = {}
        for pk in packages:
            for cls in all_classes(pk):
                name = (cls.get("filename") or "").replace("\\", "/")
                merged = files.setdefault(name, {})
                for el in class_lines(cls):
                    rec = read_line(el)
                    if rec is None:
                        continue
                    number, hits, bvalid, bcov = rec
                    old = merged.get(number)
                    if old is None:
                        merged[number] = [hits, bvalid, bcov]
                    else:
                        old[0] = max(old[0], hits)
                        if (bvalid, bcov) > (old[1], old[2]):
                            old[1], old[2] = bvalid, bcov
        total_lines = sum(len(v) for v in files.values())
        if not files or total_lines == 0:
            raise Reject("no-measurement", files=len(files))
    except Reject as r:
        return r.entry
    per = {}
    for name, lines in files.items():
        per[name] = {
            "linesValid": len(lines),
            "linesCovered": sum(1 for h, _, _ in lines.values() if h > 0),
            "branchesValid": sum(b for _, b, _ in lines.values()),
            "branchesCovered": sum(c for _, _, c in lines.values()),
        }
    out = {"files": len(per), "perFile": per}
    for k in ("linesValid", "linesCovered", "branchesValid", "branchesCovered"):
        out[k] = sum(v[k] for v in per.values())
    out["timestamp"] = timestamp(root)
    return out


# ----------------------------------------------------------------------------- JUnit
def junit(path):
    try:
        root = parse(read_bytes(path))
    except Reject as r:
        return r.entry
    if local(root.tag) not in ("testsuites", "testsuite"):
        return {"error": "not-junit"}
    c = dict(tests=0, passed=0, failures=0, errors=0, skipped=0, collectionErrors=0)
    for tc in root.iter():
        if local(tc.tag) != "testcase":
            continue
        c["tests"] += 1
        errs = children(tc, "error")
        if errs:
            c["errors"] += 1
            if any(e.get("message") == "collection failure" for e in errs):
                c["collectionErrors"] += 1
        elif children(tc, "failure"):
            c["failures"] += 1
        elif children(tc, "skipped"):
            c["skipped"] += 1
        else:
            c["passed"] += 1
    return c


# ----------------------------------------------------------------------------- drivers
def is_junit_name(name):
    return name.startswith("junit-")


def fixtures():
    names = sorted(n for n in os.listdir(HERE) if n.endswith(".xml") or n.endswith(".xml.gz"))
    out = {"cobertura": {}, "junit": {}}
    problems = []
    for n in names:
        p = os.path.join(HERE, n)
        if is_junit_name(n):
            out["junit"][n] = junit(p)
            continue
        got = cobertura(p)
        if n in HAND_ERRORS:
            want = HAND_ERRORS[n]
            auto = {k: got.get(k) for k in want}
            if auto != want:
                problems.append(f"{n}: hand-assigned {want} but the rules give {got if 'error' in got else 'a parse'}")
            got = dict(want)
        elif "error" in got:
            problems.append(f"{n}: unexpected {got}")
        else:
            if n in PRODUCERS:
                got["producer"] = PRODUCERS[n]
        out["cobertura"][n] = got
    missing = set(HAND_ERRORS) - set(names)
    problems += [f"missing fixture {m}" for m in sorted(missing)]
    return out, problems


def dump(obj):
    return json.dumps(obj, indent=1, sort_keys=True)


def corpus(folder):
    want = json.load(open(os.path.join(folder, "expected.json")))
    bad = 0
    n = 0
    for section, fn in (("cobertura", cobertura), ("junit", junit)):
        for rel, exp in want[section].items():
            n += 1
            got = fn(os.path.join(folder, rel))
            got = {k: v for k, v in got.items() if k not in ("timestamp", "producer", "line", "column")}
            if got != exp:
                bad += 1
                print(f"MISMATCH {section} {rel}\n  want {json.dumps(exp)[:300]}\n  got  {json.dumps(got)[:300]}")
    print(f"corpus: {n - bad}/{n} entries identical")
    return bad == 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--corpus":
        return 0 if corpus(argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared/corpus")) else 1
    out, problems = fixtures()
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    target = os.path.join(HERE, "expected.json")
    if len(argv) > 1 and argv[1] == "--check":
        same = open(target).read() == dump(out)
        print("expected.json is up to date" if same else "expected.json differs")
        return 0 if same and not problems else 1
    with open(target, "w") as fh:
        fh.write(dump(out))
    print(f"wrote {target}: {len(out['cobertura'])} cobertura, {len(out['junit'])} junit")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
