"""Find the Chinese rendering of an English term inside a Chinese clause.

Each English word is looked up in the lexicon (dictionary + word parts); its Chinese strings are
searched in the clause (whole, or a two-character prefix/suffix of them, so 红斑性狼疮 still
anchors 红斑狼疮). The rendering is the clause span, between anchor boundaries, that best covers
the term's words with few unexplained characters. Latin tokens (EZH2, COVID-19) anchor
literally. Drug names the dictionary lacks are left to :mod:`glossary.transliteration`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from glossary.candidates import HAN, INNER
from glossary.lexicon import Lexicon

# characters a Chinese term adds without an English counterpart (系统性, 免疫性, 不稳定型)
FILLERS = frozenset("性的之型化期状样类者后所部")
SUFFIX_EXTENSIONS = ("症", "病")
# evidence weight of a morpheme found from a word part (leuc- → 白) rather than a whole word
PART_WEIGHT = 0.8
# ... and from a word ending alone (-osis → 病): never enough on its own
SUFFIX_WEIGHT = 0.6
# evidence weight of part of a dictionary form (红斑性狼疮 → 狼疮)
PARTIAL_WEIGHT = 0.7


def _keeps_head_ending(text: str, forms: frozenset[str]) -> bool:
    """Part of a head's dictionary form counts only if it keeps the form's ending (狼疮 of
    红斑性狼疮), or drops just a final 率/性/度 (死亡 of 死亡率): 关节 is not osteoarthritis."""
    return any(f.endswith(text) or (f[:-1].endswith(text) and f[-1] in "率性度") for f in forms)


@dataclass(frozen=True)
class Anchor:
    """A Chinese span for an English term, with how well it is explained."""

    start: int
    end: int
    text: str
    score: float
    covered: int  # English content words anchored
    words: int  # English content words


@functools.lru_cache(maxsize=65536)
def _mixes_latin(form: str) -> bool:
    """A Chinese form with Latin letters in it (Kaplan-Meier法)."""
    return not form.isascii() and any("A" <= c <= "Z" or "a" <= c <= "z" for c in form)


def _occurrences(clause: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``clause``; Latin letters match in any case (a form
    Kaplan-Meier法 is found in kaplan-meier法)."""
    if _mixes_latin(needle):
        clause, needle = clause.lower(), needle.lower()
    out = []
    i = clause.find(needle)
    while i >= 0:
        out.append(i)
        i = clause.find(needle, i + 1)
    return out


def word_intervals(word: str, clause: str, lexicon: Lexicon, extra: frozenset[str] = frozenset()) -> dict[tuple[int, int], float]:
    """Clause intervals that may render ``word``, with a weight: 1 for a whole dictionary form
    (or the Latin word itself), 0.7 for the longest part of a form (红斑性狼疮 → 狼疮)."""
    found: dict[tuple[int, int], float] = {}

    def add(iv: tuple[int, int], w: float) -> None:
        if found.get(iv, 0.0) < w:
            found[iv] = w

    if (len(word) >= 2 or word.isupper() or word.isdigit()) and word.isascii() or any("\u0370" <= c <= "\u03ff" for c in word):
        for i in _occurrences(clause.lower(), word.lower()):
            add((i, i + len(word)), 1.0)
    whole = lexicon.word(word) | extra
    if not whole and word.isascii() and word.isalpha() and len(word) >= 2:
        # a word in pinyin (Sheng-Xue-Xiao-Ban capsule, xingren): match characters by sound
        for iv in pinyin_intervals(word.lower(), clause):
            add(iv, 1.0)
    suffix_only = lexicon.suffix_parts(word)
    parts = lexicon.parts(word) - whole
    for form, weight in [(f, 1.0) for f in sorted(whole)] + [
        (f, SUFFIX_WEIGHT if f in suffix_only else PART_WEIGHT) for f in sorted(parts)
    ]:
        if not form:
            continue
        hits = _occurrences(clause, form)
        for i in hits:
            add((i, i + len(form)), weight)
        if not hits and len(form) >= 3:
            part = _longest_common(form, clause)
            if len(part) >= 2:
                for i in _occurrences(clause, part):
                    add((i, i + len(part)), PARTIAL_WEIGHT * weight)
    return found


def _starts_longer_word(clause: str, i: int) -> bool:
    """Does a jieba word longer than one character start at ``i``?"""
    _, spans = token_bounds(clause)
    return any(ts == i and te - ts > 1 for ts, te in spans)


def _longest_common(form: str, clause: str) -> str:
    """Longest substring of ``form`` that occurs in ``clause`` (红斑性狼疮 → 狼疮 in 红斑狼疮),
    other than its beginning: Chinese terms are head-final, so the start of a form is a
    modifier that may render another word (临床 of 临床试验 is "clinical", not "trial"); only a
    one-character ending may be dropped from it (死亡 of 死亡率)."""
    for size in range(len(form) - 1, 1, -1):
        first = 0 if size == len(form) - 1 else 1
        for i in range(first, len(form) - size + 1):
            part = form[i : i + size]
            if part in clause:
                return part
    return ""


def anchor_term(
    words: tuple[str, ...],
    clause: str,
    lexicon: Lexicon,
    extra: dict[str, frozenset[str]] | None = None,
    max_len: int = 24,
    must_end: int | None = None,
    memo: dict | None = None,
) -> Anchor | None:
    """The best-explained span of ``clause`` for the English term ``words``, or None.

    The head (last content word) must be anchored, and so must the first content word unless the
    dictionary knows nothing about it. Score = share of English words covered (head counts
    double) × share of span characters explained (fillers count half, partial forms 0.7).
    """
    whole = _whole_term(words, clause, lexicon, must_end)
    if whole is not None:
        return whole
    original = words
    # hyphenated words count part by part (β-antagonist: both β and antagonist need a rendering)
    words = tuple(part for w in words for part in _split_hyphen(w))
    content = [w for w in words if w.lower() not in INNER and w.lower() != "the"]
    if not content:
        return None
    extra = extra or {}
    n = len(content)
    index_of = [i for i, w in enumerate(words) if w.lower() not in INNER and w.lower() != "the"]

    def word_iv(w: str) -> dict[tuple[int, int], float]:
        iv: dict[tuple[int, int], float] = {}
        for part in _split_hyphen(w):
            found = memo.get((part, clause)) if memo is not None else None
            if found is None:
                found = word_intervals(part, clause, lexicon, extra.get(part.lower(), frozenset()))
                if memo is not None:
                    memo[(part, clause)] = found
            for k, v in found.items():
                iv[k] = max(iv.get(k, 0.0), v)
        return iv

    # most candidates are asked about clauses that do not render them: the head decides first,
    # alone or inside a dictionary phrase that ends with it
    # Chinese compounds are head-final: a one-character rendering of the head that opens a
    # longer jieba word belongs to another concept (病 of 病例 "case" is not "disease")
    head_forms = lexicon.word(content[-1])
    head_iv = {iv: w for iv, w in word_iv(content[-1]).items()
               if (iv[1] - iv[0] > 1 or not _starts_longer_word(clause, iv[0]))
               and (w != PARTIAL_WEIGHT or _keeps_head_ending(clause[iv[0]:iv[1]], head_forms))}
    if not head_iv and not any(
        lexicon.phrase(" ".join(words[index_of[a] : index_of[n - 1] + 1])) for a in range(max(0, n - 4), n - 1)
    ):
        return None
    intervals: list[dict[tuple[int, int], float]] = []
    known: list[bool] = []
    for k, w in enumerate(content):
        iv = head_iv if k == n - 1 else word_iv(w)
        intervals.append(iv)
        known.append(bool(iv) or lexicon.known(w) or any(lexicon.known(p) for p in _split_hyphen(w)))
    # phrase-level dictionary hits anchor several words at once (confidence interval → 置信区间,
    # degree of freedom → 自由度); phrases are looked up with their connectors
    for a in range(n):
        for b in range(a + 2, min(n, a + 4) + 1):
            text = " ".join(words[index_of[a] : index_of[b - 1] + 1])
            for form in lexicon.phrase(text):
                for i in _occurrences(clause, form):
                    for k in range(a, b):
                        intervals[k][(i, i + len(form))] = 1.0
                        known[k] = True
    # ... and with their own hyphens (age-related macular degeneration → 年龄相关性黄斑变性)
    if len(original) != len(words):
        content_of = _content_positions(original)
        for a in range(len(original)):
            for b in range(a + 2, min(len(original), a + 5) + 1):
                ks = [k for k in range(content_of[a][0], content_of[b - 1][1])]
                if not ks:
                    continue
                for form in lexicon.phrase(" ".join(original[a:b])):
                    for i in _occurrences(clause, form):
                        for k in ks:
                            intervals[k][(i, i + len(form))] = 1.0
                            known[k] = True
    head = n - 1
    if not intervals[head]:
        return None
    # without a connector (of, to, in situ) the English head is the last word, and so is the
    # Chinese one; "rate of hemorrhage" → 出血改善率 is ordered the other way
    head_final = not any(w.lower() in INNER or w.lower() == "in" for w in words)
    head_suffix = lexicon.suffix_parts(content[-1]) if not lexicon.word(content[-1]) else frozenset()
    weights = [2.0 if k == head else (1.0 if known[k] else 0.0) for k in range(n)]
    total_w = sum(weights)
    starts = sorted({s for iv in intervals for s, _ in iv})
    ends = sorted({e for iv in intervals for _, e in iv})
    if must_end is not None:
        ends = [must_end]
    unknown_slack = 4 * sum(1 for k in range(n) if not known[k])
    best: Anchor | None = None
    best_key = None
    need_first = known[0] and n > 1
    for s in starts:
        # a span must hold a head interval (and a first-word one when that word is known):
        # the shortest end that can, from this start
        min_e = min((b for a, b in intervals[head] if a >= s), default=None)
        if min_e is None:
            continue
        if need_first:
            first_e = min((b for a, b in intervals[0] if a >= s), default=None)
            if first_e is None:
                continue
            min_e = max(min_e, first_e)
        for e in ends:
            if e <= s or e - s > max_len or e < min_e:
                continue
            covered_w = 0.0
            covered = 0
            chars = [0.0] * (e - s)
            head_in = False
            first_in = False
            for k in range(n):
                inside = [(ab, w) for ab, w in intervals[k].items() if ab[0] >= s and ab[1] <= e]
                if not inside:
                    continue
                covered += 1
                covered_w += weights[k]
                head_in = head_in or k == head
                first_in = first_in or k == 0
                for (a, b), w in inside:
                    for i in range(a, b):
                        if chars[i - s] < w:
                            chars[i - s] = w
            if not head_in:
                continue
            if known[0] and not first_in and n > 1:
                continue
            if head_suffix and not any(w >= 1.0 for (a, b), w in intervals[head].items() if a >= s and b <= e) \
                    and not any(f in clause[s:e] for f in head_suffix):
                # a head known only by its parts must show its ending's morpheme: osteoarthritis
                # needs 炎 (膝关节 is the knee joint, not knee osteoarthritis)
                continue
            if head_final and n > 1 and not any(b == e for a, b in intervals[head] if a >= s):
                # Chinese terms end on their head: a modifier's rendering after the head
                # belongs to the next phrase (胰腺癌早[诊] is not "early pancreatic cancer")
                continue
            span = clause[s:e]
            if span[0] in FILLERS and not chars[0]:
                continue
            explained = 0.0
            unexplained = 0
            joined = False
            for i, w in enumerate(chars):
                if w:
                    explained += w
                elif span[i] in FILLERS:
                    explained += 0.5
                elif span[i] in _CONJUNCTIONS:
                    joined = True  # 干预各组, 血小板和血红蛋白: a phrase, not one term
                    break
                else:
                    unexplained += 1
            if joined:
                continue
            slack = min(unexplained, unknown_slack)
            zh_share = (explained + slack) / len(chars)
            en_share = covered_w / total_w if total_w else 0.0
            score = en_share * zh_share
            key = (round(score, 6), covered, round(explained, 3), -s)
            if best_key is None or key > best_key:
                best_key = key
                best = Anchor(s, e, span, score, covered, n)
                best_chars = chars
    if best is None:
        return None
    if max(best_chars) <= SUFFIX_WEIGHT:
        return None  # only a generic ending matched (placoid disease → 病变)
    head_only = best.covered == 1 and n > 1
    best = _grow(best, clause, intervals)
    best = _snap(best, clause, edge_weights=(best_chars[0], best_chars[-1]))
    if not known[0] and n > 1:
        before = best
        best = _extend_left(best, clause, unknown_slack)
        if head_only and best is before:
            return None  # modifiers with no Chinese at all (thoracolumbar osteoporotic fracture → 骨折)
    # a trailing 症/病 belongs to the term (血小板减少症), and so does 畸形 or the 变 of 病变
    # (后凸畸形, 退行性病变)
    e = best.end
    if must_end is None and e < len(clause) and clause[e] in SUFFIX_EXTENSIONS:
        e += 1
    if must_end is None and clause[e : e + 2] == "畸形" or clause[e - 1 : e + 1] == "病变":
        e += 2 if clause[e : e + 2] == "畸形" else 1
    if e != best.end:
        best = Anchor(best.start, e, clause[best.start : e], best.score, best.covered, best.words)
    return best


def _whole_term(words: tuple[str, ...], clause: str, lexicon: Lexicon, must_end: int | None) -> Anchor | None:
    """A multi-word term the dictionary lists as a whole, found verbatim in the clause: the
    strongest evidence there is (longest form, then first occurrence)."""
    if len(words) < 2:
        return None
    hits = [(i, i + len(form)) for form in lexicon.phrase(" ".join(words)) for i in _occurrences(clause, form)]
    if must_end is not None:
        hits = [h for h in hits if h[1] == must_end]
    if not hits:
        return None
    s, e = min(hits, key=lambda h: (h[0] - h[1], h[0]))
    bounds, spans = token_bounds(clause)
    if must_end is None and e not in bounds:
        # the listed form ends inside a word of the text (Pearson相关 in Pearson相关性)
        e = next((te for ts, te in spans if ts < e < te and te - e <= 2), e)
    n = sum(1 for w in words for p in _split_hyphen(w) if p.lower() not in INNER and p.lower() != "the")
    return Anchor(s, e, clause[s:e], 1.0, n, n)


def _content_positions(original: tuple[str, ...]) -> list[tuple[int, int]]:
    """For each original word, the range of content-word indices its hyphen parts take."""
    out = []
    k = 0
    for w in original:
        start = k
        for part in _split_hyphen(w):
            if part.lower() not in INNER and part.lower() != "the":
                k += 1
        out.append((start, k))
    return out


def _grow(a: Anchor, clause: str, intervals: list[dict[tuple[int, int], float]]) -> Anchor:
    """Take in evidence that touches the span's edges (血小板 + 减少 for thrombocytopenia), and
    bridge a gap of one or two characters between two parts of one word (血[细胞]减少 for
    hematopenia); never end on the 患 of 患者 (patient)."""
    s, e = a.start, a.end
    changed = True
    while changed:
        changed = False
        for iv in intervals:
            inside = [ab for ab, w in iv.items() if ab[0] >= s and ab[1] <= e and w <= PART_WEIGHT]
            for (x, y), w in iv.items():
                if x == e and y > e:
                    e, changed = y, True
                if y == s and x < s:
                    s, changed = x, True
                if w > PART_WEIGHT:
                    continue
                if inside and 0 < x - e <= 2 and all(HAN.match(c) and c not in _FUNCTION_CHARS for c in clause[e:x]):
                    e, changed = y, True
                if inside and 0 < s - y <= 2 and all(HAN.match(c) and c not in _FUNCTION_CHARS for c in clause[y:s]):
                    s, changed = x, True
    if clause[e - 1 : e + 1] == "患者" and e - 1 > s:
        e -= 1
    if (s, e) == (a.start, a.end):
        return a
    return Anchor(s, e, clause[s:e], a.score, a.covered, a.words)


def _extend_left(a: Anchor, clause: str, slack: int) -> Anchor:
    """An English modifier the dictionary does not know (proteasome inhibitor) still has a
    Chinese counterpart: take up to ``slack`` characters of whole jieba words to the left, as
    long as they can modify a noun (not 任何 "any", 提示 "suggest", 未 "not")."""
    bounds, spans = token_bounds(clause)
    tags = token_tags(clause)
    s = a.start
    for ts, te in reversed(spans):
        if te > s:
            continue
        if te != s:
            break
        piece = clause[ts:te]
        if a.start - ts > slack or set(piece) & _FUNCTION_CHARS or not all(HAN.match(c) or c.isalnum() for c in piece):
            break
        if not _can_modify(piece, tags.get((ts, te), "")):
            break
        s = ts
    if s == a.start:
        return a
    return Anchor(s, a.end, clause[s : a.end], a.score * 0.9, a.covered, a.words)


def phrase_before(context: str, max_chars: int = 12) -> str:
    """The noun phrase that ends a Chinese context: whole jieba words taken from the end while
    they can belong to a term (not 对, 的, 任何…), at most ``max_chars`` characters. It is the
    term a bracketed abbreviation glosses (…对免疫性血小板减少症(ITP) → 免疫性血小板减少症)."""
    _, spans = token_bounds(context)
    tags = token_tags(context)
    start = len(context)
    for ts, te in reversed(spans):
        piece = context[ts:te]
        if te != start or len(context) - ts > max_chars:
            break
        if set(piece) & _FUNCTION_CHARS or not all(HAN.match(c) or c.isalnum() for c in piece):
            break
        if not _can_modify(piece, tags.get((ts, te), "")):
            break
        start = ts
    return context[start:]


def _split_hyphen(word: str) -> list[str]:
    """Parts of a hyphenated word (HER2-positive → HER2, positive), unless a part is a bare
    number or a single letter (COVID-19, 5-fluorouracil, IL-6 stay whole)."""
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and all(sum(c.isalpha() for c in p) >= 2 for p in parts):
            return parts
        if len(parts) == 2 and len(parts[1]) == 1 and parts[1].isupper() and len(parts[0]) >= 4:
            return parts  # mitomycin-C → 丝裂霉素C
    return [word]


_FUNCTION_CHARS = frozenset("的和与及或对在为是以将了中把被从于向由等并且而其这该此患者有")
FUNCTION_CHARS = _FUNCTION_CHARS
# characters that join or quantify phrases: unexplained inside a span, they make it a phrase
_CONJUNCTIONS = frozenset("和与及或各每并且而")


@functools.cache
def _tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


# words that never open a term: pronouns, conjunctions, prepositions, particles and adverbs by
# their jieba tag, and reporting or procedural verbs (提示 "suggest", 证实 "confirm", 进行 "carry out")
_NON_MODIFIER_TAGS = ("r", "c", "p", "u", "d", "y", "e", "o", "q")
_NON_MODIFIER_WORDS = frozenset(
    """任何 所有 各种 各 每 提示 显示 表明 证实 发现 即 未 至 进行 提供 接受 给予 使用 采用 通过 经
    可 能 将 已 仍 均 都 也 还 但 并 出现 发生 导致 引起 包括 如 例如 治疗 组 例 名 次 位 个 种 项""".split()
)


def can_open_term(clause: str, start: int, end: int) -> bool:
    """Can the jieba word clause[start:end] open a term (not 任何, 提示, a classifier)?"""
    return _can_modify(clause[start:end], token_tags(clause).get((start, end), ""))


def _can_modify(piece: str, tag: str) -> bool:
    """Can this jieba word open a term whose English modifier the dictionary does not know?"""
    return piece not in _NON_MODIFIER_WORDS and (tag == "eng" or not tag.startswith(_NON_MODIFIER_TAGS))


@functools.cache
def _pos_tokenizer():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


@functools.lru_cache(maxsize=16384)
def token_tags(clause: str) -> dict[tuple[int, int], str]:
    """jieba part-of-speech tags by word span (only where its words match token_bounds')."""
    out = {}
    pos = 0
    for pair in _pos_tokenizer().cut(clause, HMM=False):
        out[(pos, pos + len(pair.word))] = pair.flag
        pos += len(pair.word)
    return out


@functools.lru_cache(maxsize=65536)
def token_bounds(clause: str) -> tuple[frozenset[int], tuple[tuple[int, int], ...]]:
    """jieba token boundaries of a clause (private tokenizer, cached per clause)."""
    spans = []
    pos = 0
    for word in _tokenizer().cut(clause, HMM=False):
        spans.append((pos, pos + len(word)))
        pos += len(word)
    bounds = frozenset([0] + [e for _, e in spans])
    return bounds, tuple(spans)


def _snap(a: Anchor, clause: str, max_extend: int = 2, edge_weights: tuple[float, float] = (0.0, 0.0)) -> Anchor:
    """Extend a span that cuts a jieba word (细胞减少 inside 血细胞减少) to the word's edges,
    unless that edge is a whole dictionary form (感染 must not grow into 尿路感染)."""
    bounds, spans = token_bounds(clause)
    s, e = a.start, a.end
    if s not in bounds and edge_weights[0] < 1.0:
        for ts, te in spans:
            if ts < s < te and s - ts <= max_extend and not (set(clause[ts:s]) & _FUNCTION_CHARS):
                s = ts
                break
    if e not in bounds and edge_weights[1] < 1.0:
        for ts, te in spans:
            if ts < e < te and te - e <= max_extend and not (set(clause[e:te]) & _FUNCTION_CHARS):
                e = te
                break
    if (s, e) == (a.start, a.end):
        return a
    return Anchor(s, e, clause[s:e], a.score, a.covered, a.words)


def pinyin_intervals(word: str, clause: str) -> list[tuple[int, int]]:
    """Spans of Han characters whose toneless pinyin spells ``word`` exactly (升血小板 = sheng
    xue xiao ban). English words rarely spell a whole run of Chinese syllables by chance."""
    from glossary.transliteration import char_pinyin

    out = []
    for s in range(len(clause)):
        if not HAN.match(clause[s]):
            continue
        acc = ""
        for e in range(s, min(len(clause), s + 6)):
            if not HAN.match(clause[e]):
                break
            acc += char_pinyin(clause[e])
            if not word.startswith(acc):
                break
            if acc == word:
                out.append((s, e + 1))
                break
    return out
