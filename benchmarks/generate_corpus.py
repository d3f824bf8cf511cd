"""A synthetic corpus of N 节能减排 notices with the targets planted in each known in advance.

    python benchmarks/generate_corpus.py --n 1000 --out /tmp/corpus-1000 [--seed 7]

writes ``OUT/raw/*.txt`` (the notices) and ``OUT/expected.jsonl`` (one line per planted target:
source_file, kind = headline | list | sector, indicator_text, value, unit, target_year) and
``OUT/distractors.jsonl`` (numbers planted that are NOT targets: historical statistics, entry thresholds).

The notices are written from scratch, not copied from the seeds: a region drawn from every province,
prefecture city and county of the gazetteer (GB/T 2260), a plan period (11th-14th), a structure
(一、/(一)/1./—— headings, sometimes a news-repost lead that restates the headline target), numbers
in the ranges real notices use, 5k-30k characters of policy prose from the phrase bank below, and
some notices in traditional script (OpenCC s2t), with full-width digits, or saved as GB18030.
The corpus is deterministic for a given (n, seed): notice k is the same in every corpus with n > k.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipelines"))

PLAN_YEARS = {11: (2006, 2010), 12: (2011, 2015), 13: (2016, 2020), 14: (2021, 2025)}
PLAN_NAMES = {11: "十一五", 12: "十二五", 13: "十三五", 14: "十四五"}
CN_DIGITS = "〇一二三四五六七八九"

# --- phrase bank for policy prose (no digits: every number in a notice is planted on purpose) ---
ACTORS = [
    "各地、各部门", "各级人民政府", "各有关部门", "重点用能单位", "各类企业", "各级发展改革部门", "各级生态环境部门",
    "各级财政部门", "工业和信息化部门", "住房城乡建设部门", "交通运输部门", "统计部门", "市场监管部门", "国有企业",
    "公共机构", "各类园区", "金融机构", "行业协会", "新闻媒体", "教育部门",
]
MODALS = ["要", "应当", "要进一步", "要切实", "必须", "要积极", "要认真", "要着力", "要大力", "要加快"]
VERBS = [
    "加强", "完善", "推进", "落实", "强化", "健全", "深化", "推动", "规范", "创新", "优化", "提升", "建立", "加大",
    "严格执行",
]
OBJECTS = [
    "节能减排目标责任制", "能源消费强度和总量双控制度", "重点用能单位能耗在线监测系统", "固定资产投资项目节能审查",
    "主要污染物排放总量控制制度", "差别电价和惩罚性电价政策", "合同能源管理和节能服务产业", "清洁生产审核",
    "环境影响评价和排污许可制度", "绿色建筑和建筑节能标准", "公共机构节能管理", "节能环保产品政府采购",
    "能源计量和统计体系", "节能监察执法", "排污权有偿使用和交易", "绿色金融和绿色信贷", "循环经济和资源综合利用",
    "农业农村面源污染治理", "城镇污水和垃圾处理设施建设", "机动车和非道路移动机械污染防治", "工业园区循环化改造",
    "可再生能源开发利用", "燃煤锅炉综合整治", "挥发性有机物综合治理", "重点行业超低排放改造", "节能技术推广应用",
    "能效领跑者制度", "绿色交通体系建设", "节约型机关创建活动", "全民节能行动",
]
PURPOSES = [
    "确保各项任务落到实处", "形成全社会共同参与的良好局面", "推动经济社会发展全面绿色转型", "促进产业结构优化升级",
    "切实提高能源利用效率", "持续改善生态环境质量", "为完成目标任务提供有力保障", "加快形成绿色生产方式和生活方式",
    "推动高质量发展", "不断增强可持续发展能力", "营造良好的政策环境", "提高监管的针对性和有效性",
]
CONNECTIVES = ["同时", "此外", "与此同时", "在此基础上", "进一步", "特别是"]
LEADS = [
    "坚持问题导向", "坚持政府引导与市场调节相结合", "按照统筹兼顾、突出重点的原则", "以改革创新为动力",
    "立足当地实际", "坚持节约优先、保护优先", "围绕重点领域和关键环节", "以重点行业和重点企业为突破口",
]
SECTION_TITLES = [
    "强化目标责任", "调整优化产业结构", "推进重点领域节能", "加强主要污染物减排", "大力发展循环经济",
    "加快节能减排技术创新", "完善经济政策", "强化监督检查", "推行市场化机制", "加强能力建设", "动员全社会参与",
    "加强组织领导", "推进工业节能", "推进建筑节能", "推进交通运输节能", "推进公共机构节能", "严格控制高耗能行业",
]
AGENCIES = [
    "发展改革委", "工业和信息化厅", "生态环境厅", "财政厅", "住房城乡建设厅", "交通运输厅", "统计局", "市场监管局",
    "机关事务管理局", "科技厅", "商务厅", "国资委", "能源局", "农业农村厅",
]
CITY_AGENCIES = [a.replace("厅", "局") for a in AGENCIES]
NEWS_SOURCES = ["中国节能网讯", "本报讯", "新华网讯", "中国环境网讯", "人民网讯"]

# --- planted targets -----------------------------------------------------------------------------
# (indicator as written, unit, value range, decimals, verb phrase): headline targets in the 主要目标 paragraph.
HEADLINE = [
    ("单位生产总值能耗", "%", (12.0, 22.0), 1, "比{base}年下降{v}%"),
    ("单位地区生产总值二氧化碳排放", "%", (15.0, 21.0), 1, "比{base}年下降{v}%"),
    ("单位工业增加值用水量", "%", (20.0, 35.0), 0, "比{base}年降低{v}%"),
    ("非化石能源占能源消费总量比重", "%", (5.0, 25.0), 1, "提高到{v}%"),
    ("城市污水处理率", "%", (80.0, 98.0), 0, "达到{v}%以上"),
    ("工业固体废物综合利用率", "%", (60.0, 90.0), 0, "达到{v}%以上"),
]
POLLUTANTS = ["化学需氧量", "氨氮", "二氧化硫", "氮氧化物"]
SECTOR = [
    # (template with {v}, indicator, unit, value range, decimals)
    ("淘汰落后水泥产能{v}万吨", "落后水泥产能", "万吨", (50, 2000), 0),
    ("淘汰落后炼铁产能{v}万吨", "落后炼铁产能", "万吨", (20, 900), 0),
    ("关停小火电机组{v}万千瓦", "小火电机组", "万千瓦", (10, 500), 0),
    ("新增城镇污水处理能力{v}万吨/日", "城镇污水处理能力", "万吨/日", (2, 120), 0),
    ("实现节约能源{v}万吨标准煤", "节约能源", "万吨标准煤", (20, 1500), 0),
    ("新建城镇污水管网{v}公里", "城镇污水管网", "公里", (50, 3000), 0),
    ("完成既有居住建筑节能改造{v}万平方米", "既有居住建筑节能改造", "万平方米", (30, 2000), 0),
]


def _num(rng: random.Random, lo: float, hi: float, decimals: int) -> float:
    v = rng.uniform(lo, hi)
    return round(v, decimals) if decimals else float(round(v))


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def _cn_year(year: int) -> str:
    return "".join(CN_DIGITS[int(d)] for d in str(year))


def _cn_small(n: int) -> str:
    units = "一二三四五六七八九"
    if n < 10:
        return units[n - 1]
    if n < 20:
        return "十" + (units[n - 11] if n > 10 else "")
    return units[n // 10 - 1] + "十" + (units[n % 10 - 1] if n % 10 else "")


class Notice:
    """One notice being written: paragraphs plus the targets planted in it."""

    def __init__(self, rng: random.Random, place, period: int, index: int):
        self.rng = rng
        self.place = place
        self.period = period
        self.index = index
        self.start, self.end = PLAN_YEARS[period]
        self.base = self.start - 1
        level = place.level
        self.scope = {"province": "全省", "city": "全市", "county": "全县"}[level]
        if place.name.endswith("区") and level == "county":
            self.scope = "全区"
        if place.province in ("北京市", "天津市", "上海市", "重庆市") and level == "province":
            self.scope = "全市"
        self.agencies = AGENCIES if level == "province" else CITY_AGENCIES
        self.prefix = {"province": "省", "city": "市", "county": "县"}[level]
        if self.scope == "全市" and level == "province":
            self.prefix = "市"
        self.issue_year = self.start
        self.expected: list[dict] = []
        self.distractors: list[dict] = []

    # --- prose -------------------------------------------------------------------------------
    def sentence(self) -> str:
        r = self.rng
        parts = []
        if r.random() < 0.4:
            parts.append(r.choice(LEADS) + ",")
        parts.append(f"{r.choice(ACTORS)}{r.choice(MODALS)}{r.choice(VERBS)}{r.choice(OBJECTS)}")
        for _ in range(r.randint(0, 2)):
            parts.append(f",{r.choice(VERBS)}{r.choice(OBJECTS)}")
        if r.random() < 0.3:
            parts.append(f",{r.choice(CONNECTIVES)}{r.choice(VERBS)}{r.choice(OBJECTS)}")
        parts.append(f",{r.choice(PURPOSES)}。")
        return "".join(parts)

    def filler(self, n_sentences: int) -> str:
        return "".join(self.sentence() for _ in range(n_sentences))

    def lead_agency(self) -> str:
        k = self.rng.randint(1, 3)
        names = self.rng.sample(self.agencies, k)
        return "(" + "、".join(self.prefix + a if i == 0 else a for i, a in enumerate(names)) + "等负责)"

    # --- planted targets ---------------------------------------------------------------------
    def plant(self, kind: str, indicator: str, value: float, unit: str, target_year: int) -> None:
        self.expected.append(
            {"kind": kind, "indicator_text": indicator, "value": value, "unit": unit, "target_year": target_year}
        )

    def headline_paragraph(self) -> str:
        r = self.rng
        chosen = r.sample(HEADLINE, r.randint(2, 4))
        clauses = []
        for indicator, unit, (lo, hi), dec, phrase in chosen:
            v = _num(r, lo, hi, dec)
            about = "左右" if unit == "%" and "下降" in phrase and r.random() < 0.3 else ""
            clauses.append(f"{self.scope}{indicator}{phrase.format(base=self.base, v=_fmt(v))}{about}")
            self.plant("headline", indicator, v, unit, self.end)
        # The 分别 list of the four main pollutants.
        pols = r.sample(POLLUTANTS, r.randint(2, 4))
        vals = [_num(r, 2.0, 18.0, 1) for _ in pols]
        clauses.append(
            f"{'、'.join(pols)}排放总量分别比{self.base}年下降{'、'.join(_fmt(v) + '%' for v in vals)}"
        )
        for p, v in zip(pols, vals, strict=True):
            self.plant("list", p, v, "%", self.end)
        return f"到{self.end}年," + ",".join(clauses) + "。"

    def sector_paragraph(self, heading: str) -> str:
        r = self.rng
        out = [heading]
        template, indicator, unit, (lo, hi), dec = r.choice(SECTOR)
        v = _num(r, lo, hi, dec)
        year_form = r.random()
        if year_form < 0.5:
            year = r.randint(self.issue_year + 1, self.end)  # a dated goal lies after the notice
            out.append(f"{self.filler(1)}到{year}年,{self.scope}{template.format(v=_fmt(v))}。")
        else:
            year = self.end
            out.append(f"{self.filler(1)}“{PLAN_NAMES[self.period]}”期间,{self.scope}{template.format(v=_fmt(v))}。")
        self.plant("sector", indicator, v, unit, year)
        out.append(self.filler(r.randint(1, 4)))
        if r.random() < 0.6:
            out.append(self.lead_agency())
        return "".join(out)

    def historical_paragraph(self) -> str:
        """Numbers that are not targets: what the last plan achieved."""
        r = self.rng
        prev_end = self.base
        v1 = _num(r, 10.0, 22.0, 1)
        v2 = _num(r, 100, 3000, 0)
        self.distractors.append({"kind": "historical", "value": v1, "unit": "%"})
        self.distractors.append({"kind": "historical", "value": v2, "unit": "万吨标准煤"})
        return (
            f"过去五年,{self.scope}节能减排工作取得明显成效,截至{prev_end}年底,单位生产总值能耗累计下降{_fmt(v1)}%,"
            f"累计完成节能量{_fmt(v2)}万吨标准煤。{self.filler(2)}"
        )

    def threshold_sentence(self) -> str:
        r = self.rng
        v = _num(r, 10, 60, 0)
        self.distractors.append({"kind": "threshold", "value": v, "unit": "万吨/年"})
        return f"新建矿井规模必须不低于{_fmt(v)}万吨/年。"


def write_notice(rng: random.Random, place, period: int, index: int) -> tuple[str, Notice, dict]:
    n = Notice(rng, place, period, index)
    plan = PLAN_NAMES[period]
    region = place.name
    issue_year = n.start if rng.random() < 0.7 else n.start + 1
    n.issue_year = issue_year
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.choice(["综合性工作方案", "实施方案", "工作方案", "综合工作方案"])
    plan_title = f"{region}“{plan}”节能减排{kind}"
    issuer = f"{region}人民政府" if rng.random() < 0.7 else f"{region}人民政府办公厅"
    title = f"{issuer}关于印发{plan_title}的通知"
    abbr = region[:1]
    lines: list[str] = []
    news = rng.random() < 0.2
    headline = n.headline_paragraph()
    if news:
        lines.append(title)
        lines.append(f"来源:{rng.choice(NEWS_SOURCES)[:-1]}    发布时间:{issue_year}-{month:02d}-{day:02d}")
        lead = headline.replace(f"到{n.end}年,", "")
        lines.append(
            f"{rng.choice(NEWS_SOURCES)} 近日,记者从{region}发展改革部门获悉,{issuer}印发《{plan_title}》。"
            f"方案提出,到{n.end}年,{lead}"
        )
        lines.append("以下为政策原文:")
    lines.append(title)
    lines.append(f"{abbr}政办〔{issue_year}〕{rng.randint(1, 120)}号")
    addressees = "各市、县人民政府" if place.level == "province" else "各乡镇人民政府、街道办事处"
    lines.append(addressees + "," + n.prefix + "政府各部门:")
    lines.append(
        f"现将《{plan_title}》印发给你们,请结合实际,认真贯彻执行。{n.filler(2)}"
    )
    lines.append(issuer)
    if rng.random() < 0.5:
        lines.append(f"{_cn_year(issue_year)}年{_cn_small(month)}月{_cn_small(day)}日")
    else:
        lines.append(f"{issue_year}年{month}月{day}日")
    lines.append(plan_title)
    # Body: sections with one of the heading styles real notices use.
    style = rng.choice(["running", "per_section", "arabic"])
    target_len = int(min(30000, max(5000, rng.lognormvariate(9.55, 0.45))))
    sections = rng.sample(SECTION_TITLES, len(SECTION_TITLES))
    body: list[str] = []
    item = 0
    sec = 0
    n_sectors = rng.randint(2, 6)
    used = 0
    while True:
        sec += 1
        title_s = "进一步明确目标任务" if sec == 1 else sections[(sec - 2) % len(sections)]
        body.append(f"{_cn_small(sec)}、{title_s}")
        for k in range(rng.randint(2, 5)):
            item += 1
            if style == "running":  # (一)…(二十一) numbered through the whole plan
                head = f"({_cn_small(item)})"
            elif style == "arabic":
                head = f"{k + 1}."
            else:
                head = f"({_cn_small(k + 1)})"
            if sec == 1 and k == 0:
                body.append(f"{head}主要目标。" + headline)
                continue
            if sec == 1 and k == 1:
                body.append(f"{head}基本情况。" + n.historical_paragraph())
                continue
            if used < n_sectors and rng.random() < 0.5:
                used += 1
                body.append(n.sector_paragraph(f"{head}{rng.choice(SECTION_TITLES)}。"))
                continue
            para = f"{head}{rng.choice(SECTION_TITLES)}。{n.filler(rng.randint(3, 9))}"
            if rng.random() < 0.15:
                para += n.threshold_sentence()
            if rng.random() < 0.3:
                y = rng.randint(issue_year, n.end)
                para += f"{y}年年底前,{rng.choice(ACTORS)}要全面完成{rng.choice(OBJECTS)}工作。"
            if rng.random() < 0.5:
                para += n.lead_agency()
            body.append(para)
            if rng.random() < 0.2:
                for _ in range(rng.randint(2, 4)):
                    body.append(f"——{rng.choice(OBJECTS)}。{n.filler(1)}")
        size = sum(len(x) for x in lines) + sum(len(x) for x in body)
        if size >= target_len and sec >= 3:
            break
    while used < n_sectors:
        used += 1
        item += 1
        body.append(n.sector_paragraph(f"({_cn_small(item)}){rng.choice(SECTION_TITLES)}。"))
    indent = "\u3000\u3000" if rng.random() < 0.5 else ""
    text = "\n".join(lines + [indent + b for b in body]) + "\n"
    variant = {"script": "simplified", "digits": "half", "encoding": "utf-8"}
    r = rng.random()
    if r < 0.1:
        text = _traditional(text)
        variant["script"] = "traditional"
    elif r < 0.2:
        text = text.translate(_FULL_WIDTH)
        variant["digits"] = "full"
    elif r < 0.3:
        variant["encoding"] = "gb18030"
    return text, n, variant


_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789%.,:;()"})


def _traditional(text: str) -> str:
    import opencc

    global _S2T
    if _S2T is None:
        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


_S2T = None


def corpus_plan(n: int, seed: int) -> list[tuple]:
    """(place, period) of every notice: distinct region/period pairs drawn from the whole gazetteer."""
    from fyp.metadata.gazetteer import places

    all_places = [p for p in places() if p.admin_code]
    pairs = [(p, period) for p in all_places for period in PLAN_YEARS]
    random.Random(seed).shuffle(pairs)
    out = pairs[:n]
    k = 0
    while len(out) < n:  # more notices than region/period pairs: repeats (a revised plan)
        out.append(pairs[k % len(pairs)])
        k += 1
    return out


def generate(n: int, out: Path, seed: int = 7) -> dict:
    raw = out / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for old in raw.glob("*.txt"):
        old.unlink()
    stats = {"notices": 0, "chars": 0, "targets": 0, "traditional": 0, "full_width": 0, "gb18030": 0}
    expected_file, distractors_file = out / "expected.jsonl", out / "distractors.jsonl"
    with expected_file.open("w", encoding="utf-8") as exp, distractors_file.open("w", encoding="utf-8") as dis:
        for index, (place, period) in enumerate(corpus_plan(n, seed)):
            rng = random.Random(f"{seed}-{index}")
            text, notice, variant = write_notice(rng, place, period, index)
            name = f"{index:05d}_{place.admin_code}_{period}.txt"
            data = text.encode(variant["encoding"])
            (raw / name).write_bytes(data)
            for e in notice.expected:
                planted = {"source_file": name, "region": place.name, "plan_period": period, **e}
                exp.write(json.dumps(planted, ensure_ascii=False) + "\n")
            for d in notice.distractors:
                dis.write(json.dumps({"source_file": name, **d}, ensure_ascii=False) + "\n")
            stats["notices"] += 1
            stats["chars"] += len(text)
            stats["targets"] += len(notice.expected)
            stats["traditional"] += variant["script"] == "traditional"
            stats["full_width"] += variant["digits"] == "full"
            stats["gb18030"] += variant["encoding"] == "gb18030"
    (out / "corpus.json").write_text(json.dumps({"n": n, "seed": seed, **stats}, indent=1), encoding="utf-8")
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    stats = generate(args.n, args.out, args.seed)
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
