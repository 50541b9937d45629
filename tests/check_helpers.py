"""Real sentence pairs from the sample corpus (corpora/), as aligned documents for checker tests."""
from __future__ import annotations

import json
from pathlib import Path

from aligner.records import AlignedDocument, Bead

# (en, zh) pairs copied from corpora/ (000, 001, 002, 003, 004); "" = one-language bead.
DOC_000 = [
    ("In order to examine the impact of belimumab on recurrent spontaneous abortion (RSA) women "
     "exhibiting B lymphocyte dysfunction.",
     "探讨贝利尤单抗对表现出B淋巴细胞功能障碍的复发性自然流产(RSA)女性的影响。"),
    ("The findings suggest that belimumab is both safe and effective for treating RSA with lymphocyte "
     "dysfunction, indicating its potential as a therapeutic strategy for RSA.",
     "研究结果表明,贝利尤单抗治疗淋巴细胞功能障碍的RSA既安全又有效,表明其作为RSA治疗策略的潜力。"),
    ("Comparisons of Pregnancy outcomes, B cell percentage, B cell count and adverse reactions were "
     "made between 2 groups.",
     "比较两组的妊娠结局、B细胞百分比、B细胞计数和不良反应。"),
]
DOC_001 = [
    ("", "2022年发表在《Journal of Clinical Pharmacy and Therapeutics》的一项Meta分析研究了口服环孢素和强的松龙"
         "对不明原因反复流产患者的活产率、持续妊娠率和流产率的影响。"),
    ("", "该试验纳入357名接受口服免疫调节剂的患者(口服免疫调节剂组,包括环孢素和强的松龙)和197名接受基础治疗、"
         "安慰剂或不接受治疗的患者(对照组)"),
    ("", "早产率方面,口服免疫抑制剂组和对照组差异不显著。"),
    ("", "流产率方面是大家比较关注的,在这个试验中整体来说,口服免疫抑制剂组流产率都要低于对照组。"),
    ("", "总之,环孢素已经多次被证实在不明原因反复流产、反复不着床领域的使用价值,同时这个最新研究也肯定了强的松"
         "在治疗不明原因不良妊娠中的重要作用。"),
    ("", "期间监测血药浓度与妊娠和免疫相关指标,每天50mg,每天两次或三次,口服,持续25-35天即可,一般HCG大十万,"
         "B超显示胎心胎芽良好即可停药"),
]
DOC_002 = [
    ("", "目前发现2种药物联合应用具有协同作用,并在部分难治性血细胞减少或其他难治性自身免疫病中,取得了良好的疗效[3-5]。"),
    ("", "近年来,一些学者尝试用硼替佐米来治疗自身免疫性疾病[15,18],在部分难治性病例,尤其是利妥昔单抗治疗无效的患者中仍具有一定的疗效[14]。"),
    ("", "有动物实验表明,在小鼠模型中,2种药物联合使用减少了骨髓和脾脏中分泌抗双链DNA(ds-DNA)抗体的长寿命浆细胞,"
         "进而导致抗ds-DNA抗体持续减少,减缓了狼疮性肾炎的进展并延长了生存期[20]。"),
    ("During treatment and follow-up,one patient developed a mild adverse reaction after the first "
     "infusion of rituximab,one developed a urinary tract infection,and two developed pulmonary "
     "infections. All adverse events resolved after appropriate management.",
     "在治疗及随访过程中,1例患者在首次输注利妥昔单抗后出现轻微不良反应,1例患者出现尿路感染,2例患者出现肺部感染,"
     "均给予相应处理后痊愈。"),
    ("The combination of rituximab and bortezomib is safe and effective in treating connective tissue "
     "disease-associated refractory cytopenia. However,its long-term efficacy and adverse effects "
     "require further validation through more clinical data analysis.",
     "利妥昔单抗联合硼替佐米治疗结缔组织病相关难治性血细胞减少安全、有效,但其长期疗效及不良反应有待更多临床数据分析、验证。"),
]
DOC_003 = [
    ("We evaluate the efficacy of human umbilical cord-derived mesenchymal stem cell (hUC-MSC) for the "
     "treatment of lupus nephritis (LN).",
     "我们评估人脐带间充质干细胞(hUC-MSC)治疗狼疮肾炎(LN)的疗效。"),
    ("All patients received standard immunosuppressive treatment, which consisted of intravenous "
     "methylprednisolone and cyclophosphamide, followed by maintenance oral prednisolone and "
     "mycophenolate mofetil.",
     "所有患者均接受标准免疫抑制治疗,包括静脉注射甲基强的松龙和环磷酰胺,然后口服泼尼松龙和吗替麦考酚酯维持治疗。"),
]
DOC_004 = [
    ("", "本文系统梳理了难治性狼疮肾炎(LN)的临床困境与治疗进展。"),
    ("", "结果显示,这5例患者在达雷妥尤单抗治疗后12个月均实现了显著的肾脏反应,且泼尼松的残余剂量降至5mg/天。"),
    ("", "一项针对45例中国难治性LN患者的多中心观察性研究显示,在SoC基础上加用贝利尤单抗治疗24周,总体缓解率高达55.6%。"),
]
CORPUS = {"000": DOC_000, "001": DOC_001, "002": DOC_002, "003": DOC_003, "004": DOC_004}


def document(doc: str, pairs) -> AlignedDocument:
    """An aligned document whose beads are ``pairs`` in order (indices are bookkeeping only)."""
    beads, en_i, zh_i = [], 0, 0
    for en, zh in pairs:
        en_idx = (en_i,) if en else ()
        zh_idx = (zh_i,) if zh else ()
        en_i += bool(en)
        zh_i += bool(zh)
        beads.append(Bead(en_idx, zh_idx, en, zh, 1.0))
    return AlignedDocument(doc, [], [], beads)


def corpus(*names: str) -> list[AlignedDocument]:
    return [document(name, CORPUS[name]) for name in (names or CORPUS)]


def write_aligned_jsonl(path: Path, documents) -> Path:
    """The documents in the aligner's JSONL format (as ``duizhao align`` writes it)."""
    lines = []
    for d in documents:
        for b in d.beads:
            lines.append(json.dumps({"doc": d.doc, "en": list(b.en), "zh": list(b.zh),
                                     "en_text": b.en_text, "zh_text": b.zh_text,
                                     "confidence": b.confidence}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
