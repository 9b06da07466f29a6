"""Leads in languages written without spaces are compared without MeCab or jieba."""

from __future__ import annotations

import pytest

from extractors.events import lead_of, lead_similarity

NAMES = {"ja": ["オービットネット"], "ko": ["오비트넷"], "zh": ["轨道网"]}
# (language, an item, its retelling, another event of the same company): written for the tests.
TRIPLES = [
    (
        "ja",
        (
            "オービットネット、航空会社向け新プランを発表",
            "オービットネットは本日、ナローボディ機向けの低遅延通信プランを発表した。"
            "来年一月から提供され、乗客は無料でメッセージを送れる。",
        ),
        (
            "オービットネットが機内通信の新料金プランを開始",
            "オービットネットは航空会社向けに新しい通信プランを始めると発表した。"
            "一月から乗客は無料メッセージと有料動画配信を利用できる。",
        ),
        (
            "オービットネット、海運向け端末を値下げ",
            "オービットネットは本日、船舶向け端末の価格を二割引き下げると発表した。"
            "漁業会社や貨物船の運航会社が対象となる。",
        ),
    ),
    (
        "ko",
        (
            "오비트넷, 항공사용 새 요금제 발표",
            "오비트넷은 오늘 협동체 항공기를 위한 저지연 통신 요금제를 발표했다. "
            "내년 1월부터 승객은 무료로 메시지를 보낼 수 있다.",
        ),
        (
            "오비트넷이 기내 통신 신규 요금제를 출시",
            "오비트넷은 항공사를 위한 새로운 통신 요금제를 출시한다고 밝혔다. "
            "1월부터 승객은 무료 메시지와 유료 동영상을 이용할 수 있다.",
        ),
        (
            "오비트넷, 해운용 단말기 가격 인하",
            "오비트넷은 오늘 선박용 단말기 가격을 20% 인하한다고 발표했다. "
            "어업 회사와 화물선 운영사가 대상이다.",
        ),
    ),
    (
        "zh",
        (
            "轨道网发布航空公司新套餐",
            "轨道网今天发布了面向窄体客机的低延迟通信套餐。明年一月起，乘客可以免费发送消息。",
        ),
        (
            "轨道网推出机上通信新套餐",
            "轨道网宣布为航空公司推出新的通信套餐，一月起乘客可使用免费消息和付费视频服务。",
        ),
        (
            "轨道网下调海运终端价格",
            "轨道网今天宣布将船舶终端价格下调两成，渔业公司和货船运营商将受益。",
        ),
    ),
]


@pytest.mark.parametrize(("language", "item", "retold", "other"), TRIPLES)
def test_a_retelling_is_closer_than_another_event_in_languages_without_spaces(
    language, item, retold, other
):
    lead, retold_lead, other_lead = (
        lead_of(*x, language, NAMES[language]) for x in (item, retold, other)
    )

    assert lead.weights, "the lead has words"
    assert lead_similarity(lead, retold_lead) > 4 * lead_similarity(lead, other_lead)


@pytest.mark.parametrize("language", ["ja", "ko", "zh", "th", "ar", "he", "el"])
def test_a_lead_in_any_language_is_read(language):
    lead = lead_of(
        "Orbitnet",
        "オービットネット 오비트넷 轨道网 ออร์บิทเน็ต أوربيتنت אורביטנט Όρμπιτνετ",
        language,
    )

    assert lead.norm >= 0
