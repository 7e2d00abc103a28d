"""Small news pages in Korean, Chinese, Japanese and Russian, written for these tests.

Each page is text (title, paragraphs); ``page()`` renders it as HTML that declares
a charset, and the tests encode it in the charsets real press sites use. Each CJK
story holds one character only the browsers' superset codec has (똠 cp949, 镕 GBK,
喆 Big5-HKSCS, 髙 cp932), as real names and places do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    """One story: its language, headline and paragraphs."""

    lang: str
    title: str
    paragraphs: tuple[str, ...]


KOREAN = Story(
    "ko",
    "서울시, 내년부터 시내버스 요금 동결 결정",
    (
        "서울시는 1일 시청에서 기자회견을 열고 내년 한 해 동안 시내버스와 지하철 요금을 "
        "올리지 않기로 했다고 밝혔다. 시는 물가 상승으로 시민들의 부담이 커진 점을 "
        "고려했다고 설명했다.",
        "시 관계자는 \"운송 적자는 예산으로 보전하고, 노선 효율화를 통해 비용을 줄일 계획\"이라며 "
        "\"시민들이 체감할 수 있는 교통 복지를 계속 늘려 나가겠다\"고 말했다.",
        "이번 결정에 따라 시는 약 이천억 원의 추가 재정을 투입할 예정이다. 시의회는 다음 달 "
        "예산안 심사에서 관련 항목을 논의한다.",
        "한편 경기도와 인천시도 비슷한 방안을 검토하고 있는 것으로 알려졌다. 시민 김똠순 씨는 "
        "\"요금이 오르지 않아 다행\"이라고 말했다.",
    ),
)
CHINESE = Story(
    "zh",
    "国家统计局发布十一月份居民消费价格数据",
    (
        "国家统计局今日发布数据显示，十一月份全国居民消费价格同比上涨百分之零点五，"
        "环比持平。其中，城市上涨百分之零点六，农村上涨百分之零点三。",
        "统计局城市司首席统计师表示，本月食品价格由涨转降，主要受鲜菜和猪肉价格回落影响；"
        "能源价格小幅上涨，服务价格保持稳定。",
        "从年初累计看，全国居民消费价格比去年同期上涨百分之零点四，总体运行在合理区间。",
        "经济学家王镕认为，随着各项稳增长政策持续发力，明年物价有望保持温和回升态势。",
    ),
)
TRADITIONAL = Story(
    "zh-Hant",
    "臺北市政府宣布明年起擴大公共自行車服務",
    (
        "臺北市政府今天召開記者會表示，明年起將在全市新增三百個公共自行車租借站，"
        "並延長前三十分鐘免費的優惠措施，鼓勵市民以綠色交通方式通勤。",
        "交通局長林喆指出，過去一年公共自行車使用量成長超過兩成，顯示市民對短程接駁的需求持續增加，"
        "市府將同步改善自行車道的連續性與安全。",
        "市議會預計在下個月審查相關預算，市府希望在春節前完成第一批站點的設置。",
    ),
)
JAPANESE = Story(
    "ja",
    "東京都、来年度から公立小学校の給食費を無償化へ",
    (
        "東京都は一日、来年度から都内の公立小学校で給食費を無償化する方針を明らかにした。"
        "物価の上昇で子育て世帯の負担が増していることを踏まえた措置だという。",
        "髙橋知事は記者会見で「子どもたちが安心して学べる環境を整えることは都の責任だ」と述べ、"
        "関連費用を来年度予算案に盛り込む考えを示した。",
        "都によると、対象となる児童はおよそ六十万人で、必要な経費は年間数百億円に上る見通しだ。"
        "区市町村との費用分担については今後協議する。",
        "保護者からは歓迎の声が上がる一方、財源の確保を懸念する意見も出ている。",
    ),
)
RUSSIAN = Story(
    "ru",
    "В Минске открылась международная книжная выставка",
    (
        "В столице открылась двадцать девятая международная книжная выставка-ярмарка. "
        "В ней принимают участие издательства из двадцати пяти стран.",
        "Организаторы рассказали, что за пять дней работы выставку посетят более "
        "пятидесяти тысяч человек, а программа включает встречи с авторами и презентации.",
        "Отдельный стенд посвящён детской литературе и современным переводам классики.",
    ),
)


def page(story: Story, charset: str | None, *, meta: bool = True) -> str:
    """The story as an HTML page whose ``<meta charset>`` says ``charset``."""
    head = f'<meta charset="{charset}">' if meta and charset else ""
    body = "".join(f"<p>{p}</p>" for p in story.paragraphs)
    return (f'<!DOCTYPE html><html lang="{story.lang}"><head>{head}<title>{story.title}</title>'
            '</head><body><nav><a href="/">Home</a></nav><article>'
            f"<h1>{story.title}</h1>{body}</article><footer>(c) Press</footer></body></html>")


SUPERSET_ONLY = {"똠": "말", "镕": "荣", "喆": "哲", "髙": "高"}


def basic(story: Story) -> Story:
    """The story with its superset-only characters swapped for standard ones."""
    table = str.maketrans(SUPERSET_ONLY)
    return Story(story.lang, story.title.translate(table),
                 tuple(p.translate(table) for p in story.paragraphs))
