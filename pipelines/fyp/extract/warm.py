"""Get a process ready to extract before it forks its workers.

The first notice a fresh process extracts costs 50–120 ms instead of ≈ 4: patterns compiled on first use,
the character tables of normalize and codepoints, the indicator keywords, numpy's lazy imports. A worker
forked from a process that has paid this inherits it (copy-on-write), so each worker does not pay it again.
The sample below was written for this purpose (no notice's text): a little of every form the stages read,
simplified and traditional, plain text, a page and GB18030 bytes. Its rows are thrown away.
"""

from __future__ import annotations

from functools import lru_cache

_SAMPLE = """关于印发某省“十四五”节能减排综合工作方案的通知
某政发〔2022〕1号
各市、县(市、区)人民政府,省政府各部门:
一、主要目标
到2025年,全省单位地区生产总值能源消耗比2020年下降14%左右,能源消费总量得到合理控制。
化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别达到4.1万吨、0.2万吨、5.3万吨和1.6万吨。
“十三五”期间,全省单位GDP能耗累计下降16.5%。如果按现有增速,2025年能源消费总量将达到2.1亿吨标准煤。
二、重点工程
(一)工业节能。2023年6月底前完成钢铁行业超低排放改造,淘汰燃煤小锅炉六百台,新增城镇污水处理能力50万吨/日。(省发展改革委牵头,省工业和信息化厅、省生态环境厅配合)
(二)城镇污水处理率达到百分之九十五以上,地级城市空气质量优良天数比率达到87.5%,细颗粒物浓度降至30微克/立方米。
牵头单位:省住房城乡建设厅;责任单位:各市人民政府
3.由省交通运输厅负责,营运车辆单位运输周转量能耗比上年下降1个百分点。
序号\t指标\t2020年\t2025年
1\t万元工业增加值用水量(立方米)\t26\t20
到2010年,單位國內生產總值能耗比“十五”期末降低20%左右,主要污染物排放總量減少10%。
某省人民政府
2022年3月1日
"""


def sample_extractions() -> list:
    """The sample read as a plain text, as GB18030 bytes and as a saved page: one extraction each."""
    from fyp.extract.notice import extract_notice
    from fyp.ingest.read import IngestProblem, parse_notice_bytes

    page = f"<html><head><meta charset=\"utf-8\"><title>通知</title></head><body><p>{_SAMPLE}</p></body></html>"
    out = []
    for data, name in (
        (_SAMPLE.encode("utf-8"), "warm.txt"),
        (_SAMPLE.encode("gb18030"), "warm_gb.txt"),
        (page.encode("utf-8"), "warm.html"),
    ):
        raw = parse_notice_bytes(data, name)
        if isinstance(raw, IngestProblem):
            raise ValueError(f"fyp.extract.warm: the sample as {name} was set aside: {raw.detail}")
        out.append(extract_notice(raw))
    return out


@lru_cache(maxsize=1)
def warm() -> None:
    """Load the gazetteer and extract the sample once in this process; later calls do nothing."""
    from fyp.metadata.gazetteer import by_full_name

    by_full_name()
    try:
        sample_extractions()
    except Exception:  # noqa: BLE001 - warming only saves time; the run must not depend on it (tests check the sample)
        pass
