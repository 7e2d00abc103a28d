"""Common Chinese surnames, as data (a41): does a piece of Han characters open like a name?

Category "a place, a section or a word of a name's shape" (k40a): on a Chinese page a byline
element may hold "北京", "科技", "评论" or "原创", two to four Han characters as a name is.
A Chinese name opens with its surname, and few surnames cover most people; the words of a
byline's other pieces mostly open with a character that is no common surname. So on a
Chinese page a Han piece is a name only when it opens with one of these
(``author_cjk.is_cjk_name``).

Sources (the lists as their publishers ranked them, by people registered):
- The mainland's hundred: the Ministry of Public Security's household-register centre,
  "二〇二〇年全国姓名报告" (Feb 2021), 85.9% of registered people in its 2019 edition,
  with 欧 and 汤, of that edition's hundred and the next.
- Taiwan's hundred: the Ministry of the Interior's "全國姓名統計分析" (2018), 96.6% of
  registered people.
Each in simplified and traditional characters (a page in either script declares "zh"),
and the compound surnames both lists name or that Chinese writers commonly bear.

Not here, on purpose: surnames outside both hundreds (fewer than the 14.1% of mainland
people outside the mainland's hundred: "牛", "岳") and Hong Kong's own ("麥", "區", "關",
"岑"; "關" and "區" also open common words, "关于" and "区域"). Such a writer's name in a
byline element is left unread on a Chinese page, which is what the rule trades for refusing
places and sections.
"""

from __future__ import annotations

_MAINLAND = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常欧汤"
)
# The mainland's hundred in traditional characters (肖 is also written 蕭, 于 於, 闫 閻).
_MAINLAND_TRADITIONAL = (
    "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何林羅高鄭梁謝宋唐許韓鄧馮曹彭曾肖蕭田董潘袁蔡蔣余"
    "於杜葉程魏蘇呂丁任盧姚沈鍾姜崔譚陸范汪廖石金韋賈夏付方鄒熊白孟秦邱侯江尹薛閆閻段雷"
    "龍黎史陶賀毛郝顧龔邵萬覃武錢戴嚴莫孔向常歐湯"
)
_TAIWAN = (
    "陳林黃張李王吳劉蔡楊許鄭謝郭洪邱曾廖賴徐周葉蘇莊江呂何羅高蕭潘朱簡鍾彭游詹胡施沈余"
    "趙盧梁顏柯孫魏翁戴范宋方鄧杜傅侯曹溫薛丁馬蔣唐卓藍馮姚石董紀歐程連古汪湯姜田康鄒白"
    "塗尤巫韓龔嚴袁鐘黎金阮陸倪夏童邵柳錢"
)
# Taiwan's hundred beyond the mainland's, in simplified characters (塗 is 涂).
_TAIWAN_SIMPLIFIED = "洪赖庄简游詹施颜柯翁傅温卓蓝纪连古康涂尤巫钟阮倪童柳"
SINGLE = frozenset(_MAINLAND + _MAINLAND_TRADITIONAL + _TAIWAN + _TAIWAN_SIMPLIFIED)
_COMPOUND = (
    "欧阳 歐陽 司马 司馬 上官 诸葛 諸葛 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 "
    "宇文 司徒 夏侯 令狐 端木 独孤 獨孤 南宫 南宮 张简 張簡 范姜"
)
COMPOUND = frozenset(_COMPOUND.split())


def opens_with_surname(text: str) -> bool:
    """``text`` (Han characters) opens with a common surname and has a given name after it."""
    return (text[:2] in COMPOUND and len(text) > 2) or (text[:1] in SINGLE and len(text) > 1)
