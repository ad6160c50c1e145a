#!/bin/sh
# Matching throughput: 1,000 terms over a multilingual text corpus, normalisation included,
# storywatch's matcher (MatchBench, release build) next to `grep -F -i -c -f TERMS` on the
# same text, timed side by side by hyperfine in one run. The text is every title and summary of
# the shared generator's feed corpus (nl, en, ko, uk, ru), one item per line, twice over.
#
#   make bench-match
#   RUNS=10 SHARED=../shared sh Benchmarks/match.sh
set -eu
RUNS=${RUNS:-10}
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/release/MatchBench}
WORK=${WORK:-/tmp/storywatch-matchbench}
[ -x "$BIN" ] || { echo "match.sh: $BIN missing; run: make bench-match" >&2; exit 1; }
[ -f "$SHARED/bench/gen_corpus.py" ] || { echo "match.sh: $SHARED/bench/gen_corpus.py not found; set SHARED" >&2; exit 1; }

mkdir -p "$WORK"
[ -f "$WORK/feeds/paths.txt" ] || python3 "$SHARED/bench/gen_corpus.py" --out "$WORK/feeds" -n 1000 --no-gz >/dev/null
if [ ! -f "$WORK/text.txt" ] || [ ! -f "$WORK/terms.txt" ]; then
    python3 - "$WORK" <<'PY'
import html, random, re, sys, pathlib
work = pathlib.Path(sys.argv[1])
lines = []
for path in sorted((work / "feeds" / "feeds").iterdir()):
    doc = path.read_text(encoding="utf-8")
    for m in re.finditer(r"<(title|description|summary)[^>]*>(.*?)</\1>", doc, re.S):
        text = html.unescape(html.unescape(re.sub(r"<!\[CDATA\[|\]\]>", "", m.group(2))))
        text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
        if text:
            lines.append(text)
(work / "text.txt").write_text("\n".join(lines * 2) + "\n", encoding="utf-8")
# 1,000 terms: the story's own words, words of five letters or more from the text, phrases.
story = ["north korean", "noord-koreaanse", "militairen", "troops", "soldiers", "kursk", "koersk",
         "북한군", "파병", "쿠르스크", "військових", "північнокорейські", "курськ", "северокорейские",
         "военные", "курской", "seoul", "zuid-korea", "wapens", "ammunition", "우크라이나", "україна"]
words = sorted({w.strip(".,:;!?()\"'«»“”").lower() for line in lines for w in line.split()})
words = [w for w in words if len(w) >= 5 and not any(c in w for c in '*"()') and w.upper() not in ("AND", "OR", "NOT")]
rng = random.Random(42)
rng.shuffle(words)
# The generator's vocabulary is small: two-word phrases from the text make up the rest.
phrases = sorted({" ".join(line.lower().split()[i:i + 2]) for line in lines[:20000] for i in range(0, 6)
                  if len(line.split()) > i + 1})
phrases = [p for p in phrases if not any(c in p for c in '*"()') and len(p) >= 9]
rng.shuffle(phrases)
terms = list(dict.fromkeys(story + words[:600] + phrases))[:1000]
(work / "terms.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
PY
fi
echo "text: $(wc -l < "$WORK/text.txt") lines, $(du -k "$WORK/text.txt" | cut -f1) KiB; terms: $(wc -l < "$WORK/terms.txt"); $(grep --version | head -1)"
"$BIN" "$WORK/terms.txt" "$WORK/text.txt"
echo "grep matching lines: $(LC_ALL=C.UTF-8 grep -F -i -c -f "$WORK/terms.txt" "$WORK/text.txt")"
# Output goes to a file: with its output on /dev/null, GNU grep stops at the first match.
hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$WORK/result.md" \
    -n storywatch-matcher "$BIN $WORK/terms.txt $WORK/text.txt > $WORK/ours.out" \
    -n grep-F-i "env LC_ALL=C.UTF-8 grep -F -i -c -f $WORK/terms.txt $WORK/text.txt > $WORK/grep.out"
cat "$WORK/result.md"
