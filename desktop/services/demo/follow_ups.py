"""The follow-up step of the demo generator and the texts it writes (ordinary, collection,
Spring Festival, and the risk words the alerts look for); a mixin of :class:`_Generator`.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from itertools import accumulate

from desktop.services.dates import add_months, first_of_month
from desktop.services.demo.helpers import _cw, _fmt, _pick
from desktop.services.demo.profiles import STAGE_FOLLOW_UPS
from desktop.services.demo.records import _Cust, _Month
from desktop.services.demo.reference import (
    CHANNELS,
    CITY_NAMES,
    DEFAULTER,
    PARTIAL,
    SPRING_FESTIVAL,
    SURNAMES,
)

# =========================================================================== follow-up texts

NORMAL_TEXTS: tuple[tuple[str, str, str | None, int], ...] = (
    ("phone", "电话沟通{o}至{d}运价，客户希望整车价格下调{p}%", "整理成本后重新报价", 14),
    ("visit", "上门拜访{who}，了解下季度发货计划，预计月均{n}票", "发送合作方案", 10),
    ("wechat", "微信确认回单，{mon}月{n}票回单已全部签收回传", "回单原件寄回财务", 12),
    ("phone", "催收{mon}月货款{amt}元，客户答应{day}号前付款", "{day}号跟进到账情况", 12),
    ("phone", "客户反馈{o}到{d}线路时效延误一天，已协调调度加派车辆", "本周内回访确认", 6),
    ("email", "与客户财务对账，{mon}月运单{n}票，金额{amt}元无误", "寄送对账函", 8),
    ("visit", "客户新增{o}至{d}线路需求，约下周看仓", "安排现场勘察", 6),
    ("phone", "旺季备货高峰，确认运力需求约{n}车", "提前锁定车辆", 6),
    ("phone", "客户投诉货损，已拍照取证并提交理赔", "三个工作日内给出理赔方案", 4),
    ("visit", "年度合同续签，客户要求维持现有价格", "报经理审批", 5),
    ("wechat", "邀请{who}参观{o}仓库，客户同意下周来访", "安排接待", 4),
    ("wechat", "客户要求开具增值税专用发票，已核对开票信息", "提交财务开票", 6),
    ("phone", "{who}询问零担时效和保价费率，已发送报价单", "三天后回访", 7),
)
SPRING_TEXT = ("wechat", "发送春节期间停运及复工安排通知", "节后第一周确认发货计划")
COLLECTION_TEXTS = (
    ("phone", "催收逾期货款{amt}元，客户称资金紧张，申请分期", "报财务评估分期方案"),
    ("visit", "上门催收{mon}月欠款，客户承诺月底前先付一半", "月底确认到账"),
    ("phone", "客户多次拖欠运费，已暂停月结，改为款到发货", "通知调度暂停接单"),
)
# Each contains one or more of the words the alerts watch for: 私人, 返点, 个人账户, 转账, 拼多多.
RISK_TEXTS = (
    ("phone", "客户问能否私下走货，运费转到我个人账户，比公司报价低一些", "再约面谈"),
    ("wechat", "客户采购要求返点，约定每月按运费3%返点", "私人微信联系"),
    ("phone", "客户让把这几票运费转账到个人账户，已发卡号", None),
    ("wechat", "客户拼多多店铺发货量大，建议以后直接联系我私人电话", "加私人微信"),
    ("visit", "与客户老板吃饭，谈下个月合作的返点比例", "私下确认"),
)
_NORMAL_CW = tuple(accumulate(t[3] for t in NORMAL_TEXTS))


def _follow_up_text(
    rng: random.Random,
    c: _Cust,
    d: date,
    risky: bool,
    channels: Sequence[str],
    channel_cw: Sequence[float],
) -> tuple[str, str, str | None]:
    if risky:
        channel, content, next_step = rng.choice(RISK_TEXTS)
        return channel, content, next_step
    sf = SPRING_FESTIVAL.get(d.year + (1 if d.month >= 12 else 0))
    if sf is not None and -25 <= (d - sf).days <= -5 and rng.random() < 0.3:
        return SPRING_TEXT
    if c.profile in (PARTIAL, DEFAULTER) and rng.random() < 0.35:
        channel, template, step = rng.choice(COLLECTION_TEXTS)
    else:
        channel, template, step, _ = NORMAL_TEXTS[
            bisect_right(_NORMAL_CW, rng.random() * _NORMAL_CW[-1])
        ]
        if rng.random() < 0.3:
            channel = _pick(rng, channels, channel_cw)
    origin, dest = c.lanes[0]
    prev = add_months(first_of_month(d), -1)
    fill = {
        "o": CITY_NAMES[origin],
        "d": CITY_NAMES[dest],
        "p": rng.randint(3, 10),
        "n": rng.randint(3, 120),
        "mon": prev.month,
        "amt": _fmt(int(min(2_000_000.0, rng.lognormvariate(9.6, 1.0) * c.weight)) * 100),
        "day": rng.choice((10, 15, 20, 25, 28)),
        "who": rng.choice(SURNAMES[:40]) + rng.choice(("经理", "总", "主管")),
    }
    return channel, template.format(**fill), step.format(**fill) if step else None


# =========================================================================== follow-ups


class _FollowUpSteps:
    """Follow-ups on the customers (mixed into :class:`_Generator`)."""

    # ------------------------------------------------------------------ follow-ups

    def follow_ups(self, months: list[_Month]) -> None:
        rng, today = self.rng, self.today
        self.stage = STAGE_FOLLOW_UPS
        self._report()
        channels, channel_cw = _cw(CHANNELS)
        weights = tuple(accumulate(math.sqrt(c.weight) + 0.2 for c in self.custs))
        steady = [c for c in self.custs if not c.pool and c.acquired <= self.window_start]
        steady = steady or [c for c in self.custs if not c.pool]
        leaving = {e.id for e in self.emps if e.status in ("notice", "handover")}
        for m in months:
            rows = []
            for _ in range(m.follow_ups):
                for _attempt in range(12):
                    c = self.custs[bisect_right(weights, rng.random() * weights[-1])]
                    d = m.days[rng.randrange(len(m.days))]
                    emp = c.owner_on(d)
                    if emp is not None:
                        break
                else:
                    c = rng.choice(steady)
                    d = max(m.days[rng.randrange(len(m.days))], c.acquired)
                    emp = c.owner_on(d)
                risky = rng.random() < (0.2 if emp in leaving and (today - d).days < 90 else 0.002)
                channel, content, next_step = _follow_up_text(
                    rng, c, d, risky, channels, channel_cw
                )
                rows.append((d, c.id, emp, channel, content, next_step))
            rows.sort(key=lambda r: r[0])
            for d, cid, emp, channel, content, next_step in rows:
                ts = self._ts(d)
                self.sink_follow.add(
                    {
                        "id": self._id("follow_up"),
                        "customer_id": cid,
                        "employee_id": emp,
                        "followed_on": d,
                        "channel": channel,
                        "content": content,
                        "next_step": next_step,
                        "created_at": ts,
                        "updated_at": ts,
                        "version": 1,
                    }
                )
        self.sink_follow.flush()
